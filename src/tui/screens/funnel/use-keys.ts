import { useKeys } from '../../keys/use-keys.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand, typedText } from '../../keys/match.js';
import type { FunnelAction, FunnelItem, FunnelState } from './state.js';

export function funnelCommands(phase: FunnelState['phase'], item: FunnelItem | undefined): CommandId[] {
  if (phase === 'pick') return ['nav.up', 'nav.down', 'nav.open', 'nav.back', 'app.interrupt'];
  const ids: CommandId[] = ['nav.up', 'nav.down', 'nav.open'];
  if (item?.type === 'step' || item?.type === 'exclude') ids.push('edit.remove');
  if (item?.type === 'step') ids.push('edit.moveUp', 'edit.moveDown');
  if (item?.type === 'window') ids.push('edit.less', 'edit.more', 'text.delete');
  return [...ids, 'app.cancel', 'app.interrupt'];
}

export function useFunnelKeys(opts: {
  phase: FunnelState['phase'];
  item: FunnelItem | undefined;
  names: number;
  dispatch: (a: FunnelAction) => void;
  onEnter: () => void;
  onCancel: () => void;
  onQuit: () => void;
}) {
  const { dispatch } = opts;
  useKeys((input, key) => {
    const pick = opts.phase === 'pick';
    switch (matchCommand(funnelCommands(opts.phase, opts.item), input, key)) {
      case 'nav.up': return dispatch(pick ? { type: 'pickMove', delta: -1, count: opts.names } : { type: 'move', delta: -1 });
      case 'nav.down': return dispatch(pick ? { type: 'pickMove', delta: 1, count: opts.names } : { type: 'move', delta: 1 });
      case 'nav.open': return opts.onEnter();
      case 'nav.back': return dispatch({ type: 'back' });
      case 'edit.remove': return dispatch({ type: 'remove' });
      case 'edit.moveUp': return dispatch({ type: 'reorder', delta: -1 });
      case 'edit.moveDown': return dispatch({ type: 'reorder', delta: 1 });
      case 'edit.less': return dispatch({ type: 'days', delta: -1 });
      case 'edit.more': return dispatch({ type: 'days', delta: 1 });
      case 'text.delete': return dispatch({ type: 'deleteDay' });
      case 'app.cancel': return opts.onCancel();
      case 'app.interrupt': return opts.onQuit();
    }
    if (opts.item?.type !== 'window' || pick) return;
    const text = typedText(input, key);
    if (text) dispatch({ type: 'typeDays', text });
  });
}
