#!/usr/bin/env node
// The evtui executable: commands go to the CLI; no command opens the UI.
// The UI is imported only when needed, so scripted commands never load Ink;
// when the UI is what will run, its first frame is drawn before any import.
import { holdMemoryFor } from './memory-flags.js';
import { launchesUi, splash } from './tui/splash.js';

holdMemoryFor(process.argv);
if (launchesUi(process.argv)) splash();
const { runCli } = await import('./cli/main.js');
await runCli(process.argv, {
  launchUi: async (opts) => (await import('./tui/main.js')).runTui(opts),
});
