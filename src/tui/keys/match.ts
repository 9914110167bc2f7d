import type { Key } from 'ink';
import { COMMANDS, type CommandId } from './commands.js';

/** The one place raw key presses are compared with key specs. */
export function matchesSpec(spec: string, input: string, key: Key): boolean {
  switch (spec) {
    case 'up': return key.upArrow;
    case 'down': return key.downArrow;
    case 'left': return key.leftArrow;
    case 'right': return key.rightArrow;
    case 'pageup': return key.pageUp;
    case 'pagedown': return key.pageDown;
    case 'home': return key.home;
    case 'end': return key.end;
    case 'tab': return key.tab;
    case 'escape': return key.escape;
    case 'backspace': return key.backspace || key.delete;
    // A plain Enter is '\r'; Alt-Enter is ESC + '\r' (key.meta set).
    case 'return': return key.return && !key.meta;
    case 'meta+return': return key.return && key.meta;
    // Ctrl-J is a bare line feed: many terminals never send Ctrl-Enter.
    case 'ctrl+j': return input === '\n';
  }
  if (spec.startsWith('ctrl+')) return key.ctrl && input === spec.slice(5);
  return input === spec && !key.ctrl && !key.meta;
}

/** Which of `ids` (in order) this key press is, if any. */
export function matchCommand(ids: readonly CommandId[], input: string, key: Key): CommandId | undefined {
  return ids.find((id) => COMMANDS[id].keys.some((spec) => matchesSpec(spec, input, key)));
}

/** Printable text typed into an input field (pastes arrive as one string). */
export function typedText(input: string, key: Key): string | null {
  if (key.ctrl || key.escape || key.return || key.tab || key.backspace || key.delete) return null;
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return null;
  if (!input) return null;
  // eslint-disable-next-line no-control-regex
  const text = input.replace(/\r\n?/g, '\n').replace(/[\x00-\x09\x0b-\x1f\x7f]/g, '');
  return text || null;
}
