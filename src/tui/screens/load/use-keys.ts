import { useKeys } from '../../keys/use-keys.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand, typedText } from '../../keys/match.js';
import type { LoadAction, LoadPhase } from './state.js';

export function loadCommands(phase: LoadPhase): CommandId[] {
  switch (phase) {
    case 'pick': return ['nav.up', 'nav.down', 'nav.open', 'nav.back', 'app.interrupt'];
    case 'path': return ['nav.open', 'nav.back', 'text.delete', 'app.interrupt'];
    case 'running': return ['load.cancel'];
    case 'done':
    case 'failed': return ['nav.open', 'nav.back', 'app.interrupt'];
  }
}

export function useLoadKeys(opts: {
  active: boolean;
  phase: LoadPhase;
  count: number;
  dispatch: (a: LoadAction) => void;
  onOpen: () => void;
  onCancel: () => void;
  onLeave: () => void;
  onQuit: () => void;
}) {
  const { dispatch, phase } = opts;
  useKeys(
    (input, key) => {
      const id = matchCommand(loadCommands(phase), input, key);
      switch (id) {
        case 'nav.up': return dispatch({ type: 'move', delta: -1, count: opts.count });
        case 'nav.down': return dispatch({ type: 'move', delta: 1, count: opts.count });
        case 'nav.open':
          if (phase === 'failed') return dispatch({ type: 'retreat' });
          return phase === 'done' ? opts.onLeave() : opts.onOpen();
        case 'nav.back':
          if (phase === 'path' || phase === 'failed') return dispatch(phase === 'path' ? { type: 'toPick' } : { type: 'retreat' });
          return opts.onLeave();
        case 'text.delete': return dispatch({ type: 'backspace' });
        case 'load.cancel': return opts.onCancel();
        case 'app.interrupt': return opts.onQuit();
      }
      if (phase !== 'path') return;
      const text = typedText(input, key);
      if (text) dispatch({ type: 'type', text });
    },
    { isActive: opts.active },
  );
}
