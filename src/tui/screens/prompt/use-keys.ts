import { useKeys } from '../../keys/use-keys.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand, typedText } from '../../keys/match.js';
import type { PromptAction } from './state.js';

export const PROMPT_COMMANDS: CommandId[] = ['nav.open', 'text.delete', 'app.cancel', 'app.interrupt'];

export function usePromptKeys(opts: { dispatch: (a: PromptAction) => void; onEnter: () => void; onCancel: () => void; onQuit: () => void }) {
  useKeys((input, key) => {
    switch (matchCommand(PROMPT_COMMANDS, input, key)) {
      case 'nav.open': return opts.onEnter();
      case 'text.delete': return opts.dispatch({ type: 'backspace' });
      case 'app.cancel': return opts.onCancel();
      case 'app.interrupt': return opts.onQuit();
    }
    const text = typedText(input, key);
    if (text) opts.dispatch({ type: 'type', text });
  });
}
