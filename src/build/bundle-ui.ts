// Build step after tsc: the UI (Ink, React, the screens) as one file.
//
// Why: Node imports an ESM package one file at a time, and Ink alone pulls in
// about 400 of them (its `es-toolkit/compat` import is a barrel of ~300 for one
// `throttle`). Importing Ink took ~300 ms on a quiet machine and ~470 ms on a
// busy one; the same code as one esbuild bundle imports in ~85 ms. That time
// sits between launching `evtui` and its first interactive frame.
//
// Only the UI is bundled. The core (src/db, src/metrics, src/ingest, …) stays
// the tsc output that the CLI uses, imported from the bundle by relative path,
// so there is one copy of each core module in the process and PGlite still
// finds its WebAssembly and worker files beside its own modules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url)); // dist/src/build
const tuiDir = path.resolve(here, '../tui');
const entry = path.join(tuiDir, 'run.js');
const outfile = path.join(tuiDir, 'run.bundle.js');

const keepCoreOutside: Plugin = {
  name: 'keep-core-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      // Only evtui's own modules: packages' relative imports are bundled as usual.
      if (!args.importer.startsWith(tuiDir + path.sep)) return undefined;
      const target = path.resolve(args.resolveDir, args.path);
      if (target.startsWith(tuiDir + path.sep)) return undefined;
      // Rewritten relative to the bundle, which sits where run.js does.
      const fromBundle = path.relative(path.dirname(outfile), target).split(path.sep).join('/');
      return { path: fromBundle.startsWith('.') ? fromBundle : `./${fromBundle}`, external: true };
    });
    // Ink imports React DevTools' client only when DEV=true; the bundle leaves it out.
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    // Ink draws only a final frame, and stops following resizes, when is-in-ci finds CI set in the
    // environment. The UI runs only on a terminal, where an analyst (or an end-to-end test in a
    // pseudo-terminal on a CI runner) needs every frame; the bundle answers "not in CI" for Ink
    // alone, and the environment stays as it is for every other library.
    b.onResolve({ filter: /^is-in-ci$/ }, () => ({ path: 'is-in-ci', namespace: 'stub' }));
    b.onLoad({ filter: /^react-devtools-core$/, namespace: 'stub' }, () => ({ contents: 'export default {};', loader: 'js' }));
    b.onLoad({ filter: /^is-in-ci$/, namespace: 'stub' }, () => ({ contents: 'export default false;', loader: 'js' }));
  },
};

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // React's CommonJS entry picks its production or development build at run
  // time; main.ts always sets production, so the development builds are dropped.
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS dependencies (cli-table3) call require() for Node's modules.
  banner: { js: "import { createRequire as __evtuiRequire } from 'node:module'; const require = __evtuiRequire(import.meta.url);" },
  plugins: [keepCoreOutside],
  legalComments: 'none',
  logLevel: 'warning',
});
