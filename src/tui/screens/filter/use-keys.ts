import { useKeys } from '../../keys/use-keys.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand } from '../../keys/match.js';
import type { FilterAction, FilterState } from './state.js';

export function filterCommands(phase: FilterState['phase']): CommandId[] {
  const ids: CommandId[] = ['nav.up', 'nav.down', 'nav.open'];
  if (phase === 'list') ids.push('edit.remove');
  return [...ids, phase === 'list' ? 'app.cancel' : 'nav.back', 'app.interrupt'];
}

export function useFilterKeys(opts: {
  phase: FilterState['phase'];
  count: number;
  dispatch: (a: FilterAction) => void;
  onEnter: () => void;
  onRemove: () => void;
  onClose: () => void;
  onQuit: () => void;
}) {
  const { dispatch } = opts;
  useKeys((input, key) => {
    switch (matchCommand(filterCommands(opts.phase), input, key)) {
      case 'nav.up': return dispatch({ type: 'move', delta: -1, count: opts.count });
      case 'nav.down': return dispatch({ type: 'move', delta: 1, count: opts.count });
      case 'nav.open': return opts.onEnter();
      case 'edit.remove': return opts.onRemove();
      case 'nav.back': return dispatch({ type: 'back' });
      case 'app.cancel': return opts.onClose();
      case 'app.interrupt': return opts.onQuit();
    }
  });
}
