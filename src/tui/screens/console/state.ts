import { scrollTo } from '../metrics/state.js';

/**
 * The SQL console's editing state: a multi-line buffer, the history of run
 * statements (↑/↓ walk it, the unsent draft is kept), and the result scroll.
 * Running and results live in the SQL task (see index.tsx).
 */
export interface ConsoleState {
  buffer: string;
  history: string[];
  /** Position while walking the history; null when editing the draft. */
  histIndex: number | null;
  draft: string;
  scroll: number;
}

export type ConsoleAction =
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'newline' }
  | { type: 'submitted' }
  | { type: 'historyPrev' }
  | { type: 'historyNext' }
  | { type: 'scroll'; to: 'top' | 'bottom' | number; max: number };

export const initialConsoleState: ConsoleState = { buffer: '', history: [], histIndex: null, draft: '', scroll: 0 };

/** Enter runs when the statement is complete: its last non-blank character is `;`. */
export function endsStatement(buffer: string): boolean {
  return buffer.trimEnd().endsWith(';');
}

export function consoleReducer(s: ConsoleState, a: ConsoleAction): ConsoleState {
  switch (a.type) {
    case 'type':
      return { ...s, buffer: s.buffer + a.text, histIndex: null };
    case 'backspace':
      return { ...s, buffer: s.buffer.slice(0, -1), histIndex: null };
    case 'clear':
      return { ...s, buffer: '', histIndex: null };
    case 'newline':
      return { ...s, buffer: s.buffer + '\n', histIndex: null };
    case 'submitted': {
      const sql = s.buffer.trim();
      const history = sql && s.history[s.history.length - 1] !== sql ? [...s.history, sql] : s.history;
      return { ...s, history, buffer: '', histIndex: null, draft: '', scroll: 0 };
    }
    case 'historyPrev': {
      if (!s.history.length) return s;
      const i = s.histIndex === null ? s.history.length - 1 : Math.max(0, s.histIndex - 1);
      return { ...s, histIndex: i, draft: s.histIndex === null ? s.buffer : s.draft, buffer: s.history[i]! };
    }
    case 'historyNext': {
      if (s.histIndex === null) return s;
      const i = s.histIndex + 1;
      if (i >= s.history.length) return { ...s, histIndex: null, buffer: s.draft };
      return { ...s, histIndex: i, buffer: s.history[i]! };
    }
    case 'scroll':
      return { ...s, scroll: scrollTo(s.scroll, a.to, a.max) };
  }
}
