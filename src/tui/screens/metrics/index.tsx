import { useEffect, useMemo, useReducer } from 'react';
import { METRICS, getMetric } from '../../../metrics/catalogue.js';
import { runMetric } from '../../../metrics/run.js';
import type { MetricResult } from '../../../metrics/types.js';
import { useUi, useUiActions } from '../../context.js';
import { nextGranularity } from '../../params.js';
import { resultLines } from '../../render/result.js';
import { matrixPan } from '../../render/shapes.js';
import { useTask, taskValue } from '../../services/task.js';
import { narrowingText, paneChrome } from '../../components/result-pane.js';
import { maxOffset } from '../../components/scroll-lines.js';
import { initialMetricsState, metricsReducer } from './state.js';
import { metricsCommands, useMetricsKeys } from './use-keys.js';
import { LIST_WIDTH, MetricsView } from './view.js';

/** Wires the metrics screen: its reducer, the metric run (IO), its keys and its view. */
export function MetricsScreen({ active, height }: { active: boolean; height: number }) {
  const ui = useUi();
  const { dispatch: appDispatch } = useUiActions();
  const list = useMemo(() => METRICS.filter((m) => m.listed), []);
  const [state, dispatch] = useReducer(metricsReducer, list[0]?.name ?? null, initialMetricsState);
  const { task, start, reset } = useTask<MetricResult>();
  const def = state.open ? getMetric(state.open) : undefined;
  const inputKey = JSON.stringify(ui.input);
  // A funnel without steps has nothing to run: the builder (p) picks them.
  const needsSteps = Boolean(def?.params.includes('steps') && !ui.input.steps);

  useEffect(() => {
    const name = state.open;
    if (!name) return;
    if (needsSteps) return reset();
    start((signal) => runMetric(ui.db, name, ui.input, { signal }));
    // ui.input is captured through inputKey
  }, [state.open, inputKey, state.runNonce, ui.app.dataVersion, start, reset, needsSteps, ui.db]);

  const shown = taskValue(task);
  const paneW = Math.max(20, ui.columns - LIST_WIDTH - 1);
  const shownDef = shown ? getMetric(shown.metric) : undefined;
  const narrowing = shown ? narrowingText(shownDef, shown.params) : '';
  const page = Math.max(1, height - 1 - paneChrome(narrowing));
  const lines = useMemo(() => (shown ? resultLines(shownDef, shown, paneW, state.pan, page) : []), [shown, shownDef, paneW, state.pan, page]);
  const maxPan = shown && shownDef?.shape === 'matrix' ? matrixPan(shown.rows, paneW) : 0;
  useMetricsKeys({
    active,
    list,
    cursor: state.cursor,
    def,
    result: shown,
    page,
    maxScroll: maxOffset(lines.length, page),
    maxPan,
    dispatch,
    onGranularity: () => appDispatch({ type: 'params', patch: { granularity: nextGranularity(ui.app.params.granularity) } }),
    hasSteps: Boolean(ui.input.steps),
  });
  return (
    <MetricsView
      list={list}
      cursor={state.cursor}
      open={state.open}
      def={def}
      task={task}
      shown={shown}
      lines={lines}
      scroll={state.scroll}
      width={ui.columns}
      height={height}
      commands={metricsCommands(def, shown)}
      flash={ui.app.flash}
      narrowing={narrowing}
      idleNote={needsSteps ? 'a funnel needs its steps: p picks them from the event names in the data' : undefined}
    />
  );
}
