import { PRESETS, checkWindow, type Preset } from '../../params.js';

/** The `w` picker: presets counted back from the newest event, or custom dates typed and checked. */
export interface WindowState {
  cursor: number;
  phase: 'pick' | 'custom';
  field: 'from' | 'to';
  from: string;
  to: string;
  error: string | null;
}

export type WindowAction =
  | { type: 'move'; delta: number }
  | { type: 'custom' }
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'nextField' }
  | { type: 'error'; message: string | null };

/** The presets, then "custom dates…". */
export const WINDOW_ITEMS: readonly (Preset | 'custom')[] = [...PRESETS, 'custom'];

export function initialWindowState(from = '', to = ''): WindowState {
  return { cursor: 2, phase: 'pick', field: 'from', from, to, error: null };
}

export function windowReducer(s: WindowState, a: WindowAction): WindowState {
  switch (a.type) {
    case 'move':
      return { ...s, cursor: Math.max(0, Math.min(WINDOW_ITEMS.length - 1, s.cursor + a.delta)) };
    case 'custom':
      // Fresh fields: a date is typed whole faster than the old one is edited.
      return { ...s, phase: 'custom', field: 'from', from: '', to: '', error: null };
    case 'type':
      return { ...s, [s.field]: (s[s.field] + a.text).replace(/\s/g, '').slice(0, 10), error: null };
    case 'backspace':
      return { ...s, [s.field]: s[s.field].slice(0, -1), error: null };
    case 'nextField':
      return { ...s, field: s.field === 'from' ? 'to' : 'from' };
    case 'error':
      return { ...s, error: a.message };
  }
}

/** Enter on the custom form: from the first field move on; on the second, check both. */
export function submitCustom(s: WindowState): { next: WindowAction } | { apply: { from: string; to: string } } {
  if (s.field === 'from' && !s.to) return { next: { type: 'nextField' } };
  const problem = checkWindow(s.from, s.to);
  return problem ? { next: { type: 'error', message: problem } } : { apply: { from: s.from, to: s.to } };
}
