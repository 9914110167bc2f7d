import type { UiOptions } from '../cli/main.js';

export async function runTui(_opts: UiOptions): Promise<number> {
  process.stderr.write('evtui: the interactive UI is not built yet\n');
  return 1;
}
