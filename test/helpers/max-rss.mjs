// Loaded with `node --import` into a child evtui: writes the process's peak resident memory (KiB) on exit.
import fs from 'node:fs';

process.on('exit', () => {
  if (process.env.EVTUI_MAX_RSS_FILE) fs.writeFileSync(process.env.EVTUI_MAX_RSS_FILE, String(process.resourceUsage().maxRSS));
});
