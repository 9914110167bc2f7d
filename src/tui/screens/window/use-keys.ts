import { useKeys } from '../../keys/use-keys.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand, typedText } from '../../keys/match.js';
import type { WindowAction, WindowState } from './state.js';

export function windowCommands(phase: WindowState['phase']): CommandId[] {
  return phase === 'pick' ? ['nav.up', 'nav.down', 'nav.open', 'app.cancel', 'app.interrupt'] : ['nav.open', 'text.next', 'text.delete', 'app.cancel', 'app.interrupt'];
}

export function useWindowKeys(opts: { phase: WindowState['phase']; dispatch: (a: WindowAction) => void; onEnter: () => void; onCancel: () => void; onQuit: () => void }) {
  const { dispatch } = opts;
  useKeys((input, key) => {
    switch (matchCommand(windowCommands(opts.phase), input, key)) {
      case 'nav.up': return dispatch({ type: 'move', delta: -1 });
      case 'nav.down': return dispatch({ type: 'move', delta: 1 });
      case 'nav.open': return opts.onEnter();
      case 'text.next': return dispatch({ type: 'nextField' });
      case 'text.delete': return dispatch({ type: 'backspace' });
      case 'app.cancel': return opts.onCancel();
      case 'app.interrupt': return opts.onQuit();
    }
    if (opts.phase !== 'custom') return;
    const text = typedText(input, key);
    if (text) dispatch({ type: 'type', text });
  });
}
