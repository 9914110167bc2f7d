#!/usr/bin/env node
// The evtui executable: commands go to the CLI; no command opens the UI.
// The UI is imported only when needed, so scripted commands never load Ink.
import { runCli } from './cli/main.js';

await runCli(process.argv, {
  launchUi: async (opts) => (await import('./tui/main.js')).runTui(opts),
});
