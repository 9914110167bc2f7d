import { useKeys } from '../../keys/use-keys.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand } from '../../keys/match.js';
import type { BreakdownAction } from './state.js';

export const BREAKDOWN_COMMANDS: CommandId[] = ['nav.up', 'nav.down', 'nav.open', 'app.cancel', 'app.interrupt'];

export function useBreakdownKeys(opts: { count: number; cursor: number; dispatch: (a: BreakdownAction) => void; onEnter: () => void; onCancel: () => void; onQuit: () => void }) {
  useKeys((input, key) => {
    switch (matchCommand(BREAKDOWN_COMMANDS, input, key)) {
      case 'nav.up': return opts.dispatch({ type: 'move', delta: -1, count: opts.count, from: opts.cursor });
      case 'nav.down': return opts.dispatch({ type: 'move', delta: 1, count: opts.count, from: opts.cursor });
      case 'nav.open': return opts.onEnter();
      case 'app.cancel': return opts.onCancel();
      case 'app.interrupt': return opts.onQuit();
    }
  });
}
