import { useKeys } from '../../keys/use-keys.js';
import type { MetricDef, MetricResult } from '../../../metrics/types.js';
import type { CommandId } from '../../keys/commands.js';
import { GLOBAL_COMMANDS, runGlobal } from '../../keys/global.js';
import { matchCommand } from '../../keys/match.js';
import { useUiActions } from '../../context.js';
import type { MetricsAction } from './state.js';

export function metricsCommands(def: MetricDef | undefined, result: MetricResult | undefined): CommandId[] {
  // In the footer's order of importance.
  const ids: CommandId[] = ['nav.up', 'nav.down', 'nav.open'];
  if (def?.params.includes('steps')) ids.push('params.steps');
  ids.push('params.filter', 'params.breakdown', 'params.window', 'params.tz');
  if (def?.params.includes('granularity')) ids.push('params.granularity');
  if (def?.params.includes('window_days')) ids.push('params.windowDays');
  if (def?.shape === 'matrix' && result) ids.push('pan.left', 'pan.right');
  ids.push('app.load', 'app.console', 'metric.rerun');
  if (result) ids.push('metric.sql', 'metric.export');
  ids.push('params.asOf', 'scroll.pageUp', 'scroll.pageDown', 'scroll.top', 'scroll.bottom');
  return [...ids, ...GLOBAL_COMMANDS.filter((id) => !ids.includes(id))];
}

export function useMetricsKeys(opts: {
  active: boolean;
  list: readonly MetricDef[];
  cursor: number;
  def: MetricDef | undefined;
  result: MetricResult | undefined;
  page: number;
  maxScroll: number;
  /** How far the cohort matrix can pan (0 when it fits). */
  maxPan: number;
  dispatch: (a: MetricsAction) => void;
  onGranularity: () => void;
  /** Whether the funnel has its steps; opening it without them opens the builder. */
  hasSteps: boolean;
}) {
  const actions = useUiActions();
  const { list, dispatch } = opts;
  useKeys(
    (input, key) => {
      const id = matchCommand(metricsCommands(opts.def, opts.result), input, key);
      if (!id) return;
      switch (id) {
        case 'nav.up': return dispatch({ type: 'move', delta: -1, count: list.length });
        case 'nav.down': return dispatch({ type: 'move', delta: 1, count: list.length });
        case 'nav.open': {
          const m = list[opts.cursor];
          if (m?.shape === 'segments') return actions.dispatch({ type: 'go', base: 'churn' });
          if (m) dispatch({ type: 'open', name: m.name });
          if (m?.params.includes('steps') && !opts.hasSteps) actions.dispatch({ type: 'overlay', overlay: { kind: 'funnel' } });
          return;
        }
        case 'scroll.pageUp': return dispatch({ type: 'scroll', to: -opts.page, max: opts.maxScroll });
        case 'scroll.pageDown': return dispatch({ type: 'scroll', to: opts.page, max: opts.maxScroll });
        case 'scroll.top': return dispatch({ type: 'scroll', to: 'top', max: opts.maxScroll });
        case 'scroll.bottom': return dispatch({ type: 'scroll', to: 'bottom', max: opts.maxScroll });
        case 'pan.left': return dispatch({ type: 'pan', delta: -1, max: opts.maxPan });
        case 'pan.right': return dispatch({ type: 'pan', delta: 1, max: opts.maxPan });
        // The data may have changed under the UI (a load served to another process): the header recounts too.
        case 'metric.rerun': return actions.dispatch({ type: 'dataChanged' });
        case 'metric.sql': return opts.result && actions.dispatch({ type: 'overlay', overlay: { kind: 'sql', result: opts.result } });
        case 'metric.export': return opts.result && actions.dispatch({ type: 'overlay', overlay: { kind: 'export', result: opts.result } });
        case 'params.granularity': return opts.onGranularity();
        default: runGlobal(id, actions);
      }
    },
    { isActive: opts.active },
  );
}
