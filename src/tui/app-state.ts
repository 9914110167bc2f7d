import type { MetricResult, SqlResult } from '../metrics/types.js';
import { INITIAL_PARAMS, type ParamState } from './params.js';

/**
 * The switchboard's own state: which screen is showing, which overlay is on
 * top of it, and the parameters every metric shares. Each screen keeps its
 * own state in its own reducer.
 */
export type Base = 'metrics' | 'churn' | 'console' | 'load';

export type PromptField = 'tz' | 'as_of' | 'window_days';

export type Overlay =
  | { kind: 'help' }
  | { kind: 'window' }
  | { kind: 'prompt'; field: PromptField }
  | { kind: 'sql'; result: MetricResult }
  | { kind: 'export'; result: MetricResult }
  | { kind: 'exportSql'; result: SqlResult }
  | { kind: 'welcome' }
  | { kind: 'filter' }
  | { kind: 'breakdown' }
  | { kind: 'funnel' };

export interface AppState {
  base: Base;
  overlay: Overlay | null;
  params: ParamState;
  /** What the load screen starts with (a fixture name) when opened from the welcome prompt or --demo. */
  loadSource: string | null;
  /** Bumped after a load: every screen reruns its queries and the header recounts. */
  dataVersion: number;
  flash: string | null;
}

export type AppAction =
  | { type: 'go'; base: Base; loadSource?: string | null }
  | { type: 'overlay'; overlay: Overlay | null }
  /** New parameters; the overlay closes unless `keepOverlay` (a filter removed while the picker stays open). */
  | { type: 'params'; patch: Partial<ParamState>; keepOverlay?: boolean }
  | { type: 'dataChanged' }
  | { type: 'flash'; message: string | null };

export function initialAppState(params: Partial<ParamState> = {}): AppState {
  return { base: 'metrics', overlay: null, params: { ...INITIAL_PARAMS, ...params }, loadSource: null, dataVersion: 0, flash: null };
}

export function appReducer(s: AppState, a: AppAction): AppState {
  switch (a.type) {
    case 'go':
      return { ...s, base: a.base, overlay: null, loadSource: a.loadSource ?? null, flash: null };
    case 'overlay':
      return { ...s, overlay: a.overlay };
    case 'params': {
      const params = { ...s.params, ...a.patch };
      // A new window moves the as-of date back to its default (the window's end).
      if (('from' in a.patch || 'to' in a.patch) && !('as_of' in a.patch)) delete params.as_of;
      return { ...s, params, overlay: a.keepOverlay ? s.overlay : null };
    }
    case 'dataChanged':
      return { ...s, dataVersion: s.dataVersion + 1 };
    case 'flash':
      return { ...s, flash: a.message };
  }
}
