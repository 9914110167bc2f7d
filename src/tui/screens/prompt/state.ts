import type { PromptField } from '../../app-state.js';
import { checkDate, checkTz, checkWindowDays, type ParamState } from '../../params.js';

/** A one-line parameter prompt (time zone, as-of date, window days) that checks before it applies. */
export interface PromptState {
  value: string;
  error: string | null;
  /** The current value, shown selected: the first key typed replaces it, as in a dialog. */
  pristine?: boolean;
}

export type PromptAction = { type: 'type'; text: string } | { type: 'backspace' } | { type: 'error'; message: string };

export function promptReducer(s: PromptState, a: PromptAction): PromptState {
  switch (a.type) {
    case 'type':
      return { value: (s.pristine ? '' : s.value) + a.text.replace(/\n/g, ''), error: null };
    case 'backspace':
      return { value: s.pristine ? '' : s.value.slice(0, -1), error: null };
    case 'error':
      return { ...s, error: a.message };
  }
}

export const PROMPTS: Record<PromptField, { title: string; hint: string }> = {
  tz: { title: 'Time zone', hint: 'an IANA name: UTC, Europe/Paris, America/New_York, Asia/Kolkata…' },
  as_of: { title: 'As-of date', hint: 'YYYY-MM-DD; nothing after the end of this day is seen. Empty: the window’s end' },
  window_days: { title: 'Activation window (days)', hint: 'funnel_activity counts activity up to this many days after signup. Empty: 7' },
};

export function currentValue(field: PromptField, p: ParamState): string {
  const v = p[field];
  return v === undefined ? '' : String(v);
}

/** The patch to apply, or the message saying why not. */
export function submitPrompt(field: PromptField, raw: string): { patch: Partial<ParamState> } | { error: string } {
  const v = raw.trim();
  switch (field) {
    case 'tz': {
      const e = checkTz(v);
      return e ? { error: e } : { patch: { tz: v } };
    }
    case 'as_of': {
      if (!v) return { patch: { as_of: undefined } };
      const e = checkDate('as-of', v);
      return e ? { error: e } : { patch: { as_of: v } };
    }
    case 'window_days': {
      if (!v) return { patch: { window_days: undefined } };
      const e = checkWindowDays(v);
      return e ? { error: e } : { patch: { window_days: Number(v) } };
    }
  }
}
