#!/usr/bin/env node
// The evtui executable: commands go to the CLI; no command opens the UI.
// The UI is imported only when needed, so scripted commands never load Ink;
// when the UI is what will run, its first frame is drawn before any import.
import { launchesUi, splash } from './tui/splash.js';

if (launchesUi(process.argv)) splash();
const { runCli } = await import('./cli/main.js');
await runCli(process.argv, {
  launchUi: async (opts) => (await importUi()).runTui(opts),
});

/**
 * Ink draws only a final frame when CI is set in the environment (is-in-ci,
 * read once at import). The UI runs only on a real terminal, where an analyst
 * (or an end-to-end test in a pseudo-terminal on a CI runner) needs every frame.
 */
async function importUi() {
  const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  process.env.CI = 'false';
  process.env.CONTINUOUS_INTEGRATION = 'false';
  try {
    return await import('./tui/main.js');
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
