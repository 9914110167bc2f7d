import { resolveTarget, type UiOptions } from '../config.js';
import { existsSync } from 'node:fs';
import { startOpening } from './services/opening.js';

/**
 * `evtui` with no command: the interactive UI. The database starts opening
 * first (on PGlite, on its own thread), then Ink and the screens load while it
 * does. Returns the exit code.
 */
export async function runTui(opts: UiOptions): Promise<number> {
  const target = resolveTarget(opts);
  const opening = startOpening(target);
  const { runInk } = await importInk();
  return runInk(opts, target, opening);
}

async function importInk() {
  // React and Ink's reconciler pick their development builds (checks on every
  // element; createElement alone was 2% of the UI's CPU time in a profile) unless told.
  process.env.NODE_ENV ??= 'production';
  return importRun();
}

/**
 * The build bundles the UI into run.bundle.js (src/build/bundle-ui.ts): one
 * file imports in a fraction of the time of Ink's ~400. A checkout built with
 * tsc alone still runs, from the separate modules.
 */
async function importRun(): Promise<typeof import('./run.js')> {
  const bundle = new URL('./run.bundle.js', import.meta.url);
  if (existsSync(bundle)) return (await import(bundle.href)) as typeof import('./run.js');
  return import('./run.js');
}
