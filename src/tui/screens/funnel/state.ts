/**
 * The funnel builder: the steps in order (2 to 10, repeats allowed), the
 * exclusions, the window in days; each step and exclusion is picked from the
 * event names in the data. Nothing applies until "run the funnel".
 */
export const MIN_STEPS = 2;
export const MAX_STEPS = 10;
export const DEFAULT_WINDOW_DAYS = 7;

export type FunnelItem =
  | { type: 'step'; index: number }
  | { type: 'addStep' }
  | { type: 'exclude'; index: number }
  | { type: 'addExclude' }
  | { type: 'window' }
  | { type: 'run' };

export interface FunnelState {
  phase: 'edit' | 'pick';
  /** What the name picker adds to. */
  picking: 'step' | 'exclude';
  steps: string[];
  exclude: string[];
  /** As typed: digits only, checked on run. */
  windowDays: string;
  /** The window's value is shown selected: the first digit typed replaces it. */
  windowPristine: boolean;
  cursor: number;
  pickCursor: number;
  error: string | null;
}

export type FunnelAction =
  | { type: 'move'; delta: number }
  | { type: 'pickMove'; delta: number; count: number }
  | { type: 'pick'; what: 'step' | 'exclude' }
  | { type: 'picked'; name: string }
  | { type: 'back' }
  | { type: 'remove' }
  | { type: 'reorder'; delta: number }
  | { type: 'days'; delta: number }
  | { type: 'typeDays'; text: string }
  | { type: 'deleteDay' }
  | { type: 'error'; message: string | null };

export function initialFunnelState(p: { steps?: readonly string[]; exclude?: readonly string[]; window_days?: number }): FunnelState {
  const s: FunnelState = {
    phase: 'edit',
    picking: 'step',
    steps: [...(p.steps ?? [])],
    exclude: [...(p.exclude ?? [])],
    windowDays: String(p.window_days ?? DEFAULT_WINDOW_DAYS),
    windowPristine: true,
    cursor: 0,
    pickCursor: 0,
    error: null,
  };
  // A funnel with its steps opens on "run"; a new one on "add a step".
  const items = funnelItems(s);
  s.cursor = items.findIndex((it) => it.type === (s.steps.length >= MIN_STEPS ? 'run' : 'addStep'));
  return s;
}

export function funnelItems(s: Pick<FunnelState, 'steps' | 'exclude'>): FunnelItem[] {
  return [
    ...s.steps.map((_, index): FunnelItem => ({ type: 'step', index })),
    ...(s.steps.length < MAX_STEPS ? [{ type: 'addStep' } as const] : []),
    ...s.exclude.map((_, index): FunnelItem => ({ type: 'exclude', index })),
    { type: 'addExclude' },
    { type: 'window' },
    { type: 'run' },
  ];
}

const clampTo = (n: number, count: number) => Math.max(0, Math.min(count - 1, n));

/** The item index after an edit that changed the list, keeping the cursor on `want` when it is there. */
function cursorOn(s: FunnelState, want: (it: FunnelItem) => boolean): number {
  const i = funnelItems(s).findIndex(want);
  return i >= 0 ? i : clampTo(s.cursor, funnelItems(s).length);
}

export function funnelReducer(s: FunnelState, a: FunnelAction): FunnelState {
  const item = funnelItems(s)[s.cursor];
  switch (a.type) {
    case 'move':
      return { ...s, cursor: clampTo(s.cursor + a.delta, funnelItems(s).length), error: null };
    case 'pickMove':
      return { ...s, pickCursor: clampTo(s.pickCursor + a.delta, a.count) };
    case 'pick':
      return { ...s, phase: 'pick', picking: a.what, pickCursor: 0, error: null };
    case 'back':
      return { ...s, phase: 'edit' };
    case 'picked': {
      // Back on the "add" line that was used, so Enter adds the next step at once.
      if (s.picking === 'step') {
        const steps = [...s.steps, a.name];
        const t = { ...s, steps, phase: 'edit' as const };
        return { ...t, cursor: cursorOn(t, (it) => it.type === (steps.length < MAX_STEPS ? 'addStep' : 'run')) };
      }
      const t = { ...s, exclude: [...s.exclude, a.name], phase: 'edit' as const };
      return { ...t, cursor: cursorOn(t, (it) => it.type === 'addExclude') };
    }
    case 'remove': {
      if (item?.type === 'step') {
        const t = { ...s, steps: s.steps.filter((_, i) => i !== item.index), error: null };
        return { ...t, cursor: clampTo(s.cursor, funnelItems(t).length) };
      }
      if (item?.type === 'exclude') {
        const t = { ...s, exclude: s.exclude.filter((_, i) => i !== item.index), error: null };
        return { ...t, cursor: clampTo(s.cursor, funnelItems(t).length) };
      }
      if (item?.type === 'window') return funnelReducer(s, { type: 'deleteDay' });
      return s;
    }
    case 'reorder': {
      if (item?.type !== 'step') return s;
      const to = item.index + a.delta;
      if (to < 0 || to >= s.steps.length) return s;
      const steps = [...s.steps];
      [steps[item.index], steps[to]] = [steps[to]!, steps[item.index]!];
      return { ...s, steps, cursor: s.cursor + a.delta };
    }
    case 'days': {
      if (item?.type !== 'window') return s;
      const d = Math.max(1, Math.min(365, (Number(s.windowDays) || DEFAULT_WINDOW_DAYS) + a.delta));
      return { ...s, windowDays: String(d), windowPristine: false, error: null };
    }
    case 'typeDays': {
      if (item?.type !== 'window') return s;
      const digits = a.text.replace(/\D/g, '');
      if (!digits) return s;
      return { ...s, windowDays: ((s.windowPristine ? '' : s.windowDays) + digits).slice(0, 3), windowPristine: false, error: null };
    }
    case 'deleteDay':
      return { ...s, windowDays: s.windowPristine ? '' : s.windowDays.slice(0, -1), windowPristine: false };
    case 'error':
      return { ...s, error: a.message };
  }
}

/** The parameters "run the funnel" applies, or why it cannot run yet. */
export function submitFunnel(s: FunnelState): { apply: { steps: string[]; exclude: string[]; window_days: number } } | { error: string } {
  if (s.steps.length < MIN_STEPS) return { error: `a funnel needs ${MIN_STEPS} to ${MAX_STEPS} steps: add ${MIN_STEPS - s.steps.length} more` };
  const d = Number(s.windowDays);
  if (!/^\d+$/.test(s.windowDays) || d < 1 || d > 365) return { error: `the window must be 1 to 365 days (got "${s.windowDays}")` };
  return { apply: { steps: s.steps, exclude: s.exclude, window_days: d } };
}
