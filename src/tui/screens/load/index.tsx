import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { LoadResult } from '../../../ingest/types.js';
import { useUi, useUiActions } from '../../context.js';
import { checkTypedPath, fixtures as listFixtures, resolveTypedPath, runLoad } from '../../services/load.js';
import { useTask } from '../../services/task.js';
import { initialLoadState, loadReducer } from './state.js';
import { loadCommands, useLoadKeys } from './use-keys.js';
import { LoadView } from './view.js';

/** Wires the load screen: the pick list, the load (IO, off the input path) and its live counts. */
export function LoadScreen({ active, height, initialSource }: { active: boolean; height: number; initialSource: string | null }) {
  const ui = useUi();
  const actions = useUiActions();
  const fixtures = useMemo(() => listFixtures(), []);
  const [s, dispatch] = useReducer(loadReducer, initialLoadState);
  const load = useTask<LoadResult>();
  const { start } = load;
  const { db } = ui;

  const begin = useCallback(
    (source: string, from: 'pick' | 'path') => {
      dispatch({ type: 'started', source, from });
      start((signal) => runLoad(db, source, { signal, onProgress: (progress) => dispatch({ type: 'progress', progress }) }));
    },
    [db, start],
  );

  // The task's outcome moves the screen on; a finished load refreshes every metric.
  useEffect(() => {
    if (load.task.status === 'done') {
      dispatch({ type: 'finished', result: load.task.value });
      actions.dispatch({ type: 'dataChanged' });
    } else if (load.task.status === 'error') {
      dispatch({ type: 'failed', message: load.task.message });
      actions.dispatch({ type: 'dataChanged' });
    }
  }, [load.task, actions]);

  useEffect(() => {
    if (initialSource) begin(initialSource, 'pick');
  }, [initialSource, begin]);

  useLoadKeys({
    active,
    phase: s.phase,
    count: fixtures.length + 1,
    dispatch,
    onOpen: () => {
      if (s.phase === 'pick') {
        const f = fixtures[s.cursor];
        if (f) begin(f.name, 'pick');
        else dispatch({ type: 'askPath' });
      } else if (s.phase === 'path') {
        const problem = checkTypedPath(s.path);
        if (problem) dispatch({ type: 'invalid', message: problem });
        else begin(resolveTypedPath(s.path), 'path');
      }
    },
    onCancel: load.cancel,
    onLeave: () => actions.dispatch({ type: 'go', base: 'metrics' }),
    onQuit: actions.quit,
  });
  return <LoadView state={s} fixtures={fixtures} width={ui.columns} height={height} commands={loadCommands(s.phase)} />;
}
