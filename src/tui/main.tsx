import type { GlobalFlags } from '../config.js';

export interface UiOptions extends GlobalFlags {
  demo?: boolean;
  debug?: boolean;
}

export async function runTui(_opts: UiOptions): Promise<number> {
  process.stderr.write('evtui: the interactive UI is not built yet\n');
  return 1;
}
