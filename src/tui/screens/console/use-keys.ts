import { useKeys } from '../../keys/use-keys.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand, typedText } from '../../keys/match.js';
import type { ConsoleAction } from './state.js';

export function consoleCommands(running: boolean): CommandId[] {
  if (running) return ['console.cancel', 'scroll.pageUp', 'scroll.pageDown', 'console.leave'];
  return ['console.run', 'console.newline', 'console.historyPrev', 'console.historyNext', 'scroll.pageUp', 'scroll.pageDown', 'console.clear', 'console.cancel', 'console.export', 'console.leave', 'text.delete'];
}

export function useConsoleKeys(opts: {
  active: boolean;
  running: boolean;
  complete: boolean;
  page: number;
  maxScroll: number;
  dispatch: (a: ConsoleAction) => void;
  onRun: () => void;
  onCancel: () => void;
  onLeave: () => void;
  onExport: () => void;
}) {
  const { dispatch } = opts;
  useKeys(
    (input, key) => {
      const id = matchCommand(consoleCommands(opts.running), input, key);
      switch (id) {
        case 'console.run': return opts.onRun();
        case 'console.newline': return opts.complete ? opts.onRun() : dispatch({ type: 'newline' });
        case 'console.historyPrev': return dispatch({ type: 'historyPrev' });
        case 'console.historyNext': return dispatch({ type: 'historyNext' });
        case 'scroll.pageUp': return dispatch({ type: 'scroll', to: -opts.page, max: opts.maxScroll });
        case 'scroll.pageDown': return dispatch({ type: 'scroll', to: opts.page, max: opts.maxScroll });
        case 'console.clear': return dispatch({ type: 'clear' });
        // Ctrl-C cancels a running statement; with nothing running it clears the input (it never quits from here).
        case 'console.cancel': return opts.running ? opts.onCancel() : dispatch({ type: 'clear' });
        case 'console.export': return opts.onExport();
        case 'console.leave': return opts.onLeave();
        case 'text.delete': return dispatch({ type: 'backspace' });
      }
      if (opts.running) return;
      const text = typedText(input, key);
      if (text) dispatch({ type: 'type', text });
    },
    { isActive: opts.active },
  );
}
