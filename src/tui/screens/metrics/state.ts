/**
 * The home screen: the metric list beside the open metric's result.
 * Moving the cursor does not run anything; Enter opens (runs) the metric.
 */
export interface MetricsState {
  cursor: number;
  open: string | null;
  scroll: number;
  /** The first period column the cohort matrix shows (←/→ when it is wider than the pane). */
  pan: number;
  /** Bumped by `r`, so the run effect fires again with the same inputs. */
  runNonce: number;
}

export type MetricsAction =
  | { type: 'move'; delta: number; count: number }
  | { type: 'open'; name: string }
  | { type: 'scroll'; to: 'top' | 'bottom' | number; max: number }
  | { type: 'pan'; delta: number; max: number }
  | { type: 'rerun' };

export function initialMetricsState(first: string | null): MetricsState {
  return { cursor: 0, open: first, scroll: 0, pan: 0, runNonce: 0 };
}

export function scrollTo(current: number, to: 'top' | 'bottom' | number, max: number): number {
  if (to === 'top') return 0;
  if (to === 'bottom') return max;
  return Math.max(0, Math.min(max, current + to));
}

export function metricsReducer(s: MetricsState, a: MetricsAction): MetricsState {
  switch (a.type) {
    case 'move':
      return { ...s, cursor: Math.max(0, Math.min(a.count - 1, s.cursor + a.delta)) };
    case 'open':
      return s.open === a.name ? { ...s, runNonce: s.runNonce + 1, scroll: 0 } : { ...s, open: a.name, scroll: 0, pan: 0 };
    case 'scroll':
      return { ...s, scroll: scrollTo(s.scroll, a.to, a.max) };
    case 'pan':
      return { ...s, pan: Math.max(0, Math.min(a.max, s.pan + a.delta)) };
    case 'rerun':
      return { ...s, runNonce: s.runNonce + 1 };
  }
}
