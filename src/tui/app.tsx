import { Box, useApp } from 'ink';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { defaultSignupEvent } from '../config.js';
import type { Db } from '../db/types.js';
import { dataSummary } from '../metrics/run.js';
import type { DataSummary } from '../metrics/types.js';
import { appReducer, initialAppState } from './app-state.js';
import { Header, HEADER_ROWS } from './components/header.js';
import { SizeNotice, tooSmall } from './components/size-notice.js';
import { UiActionsContext, UiStateContext, type UiActions, type UiState } from './context.js';
import { toInput } from './params.js';
import { useTask, taskValue } from './services/task.js';
import { useTerminalSize, type Size } from './services/terminal-size.js';
import { ChurnScreen } from './screens/churn/index.js';
import { ConsoleScreen } from './screens/console/index.js';
import { LoadScreen } from './screens/load/index.js';
import { MetricsScreen } from './screens/metrics/index.js';
import { OverlaySwitch } from './screens/overlays.js';
import { KeyRouter } from './keys/use-keys.js';
import { DEMO_FIXTURE } from './demo.js';


export interface AppOptions {
  /** Load the demo dataset at start (`evtui --demo`). */
  demo?: boolean;
  /** Where `e` writes exports (default: the working directory). */
  exportDir?: string;
  /** Fixed size (tests); else the terminal's, following resizes. */
  size?: Partial<Size>;
  /** Called on `q` / Ctrl-C (default: Ink's exit). */
  onQuit?: () => void;
}

/**
 * The switchboard: the header, then exactly one screen (metrics, churn,
 * console, load) with at most one overlay over it. It owns only which screen
 * shows and the shared parameters; each screen owns its own state and keys.
 */
export function App({ db, options = {} }: { db: Db; options?: AppOptions }) {
  const { exit } = useApp();
  const size = useTerminalSize(options.size);
  const [app, dispatch] = useReducer(appReducer, undefined, () => initialAppState());
  const summaryTask = useTask<DataSummary>();
  const { start: startSummary } = summaryTask;
  const summary = taskValue(summaryTask.task) ?? null;

  useEffect(() => {
    startSummary(() => dataSummary(db));
  }, [db, app.dataVersion, startSummary]);

  // First run: an empty database offers the demo data; --demo loads it straight away.
  const offered = useRef(false);
  useEffect(() => {
    if (offered.current) return;
    if (options.demo) {
      offered.current = true;
      dispatch({ type: 'go', base: 'load', loadSource: DEMO_FIXTURE });
    } else if (summary && summary.events === 0) {
      offered.current = true;
      dispatch({ type: 'overlay', overlay: { kind: 'welcome' } });
    }
  }, [summary, options.demo]);

  const onQuit = options.onQuit ?? exit;
  const actions = useMemo<UiActions>(() => ({ dispatch, quit: onQuit }), [onQuit]);
  const input = useMemo(() => toInput(app.params), [app.params]);
  const bodyRows = Math.max(4, size.rows - HEADER_ROWS);
  const state: UiState = {
    db,
    app,
    input,
    summary,
    signupEvent: defaultSignupEvent(),
    columns: size.columns,
    bodyRows,
    exportDir: options.exportDir ?? process.cwd(),
  };
  const small = tooSmall(size);
  // Below the minimum size only the notice reads keys.
  const top = app.overlay === null && !small;
  return (
    <UiStateContext.Provider value={state}>
      <UiActionsContext.Provider value={actions}>
        <KeyRouter>
        {small ? <SizeNotice size={size} /> : null}
        <Box flexDirection="column" width={size.columns} height={size.rows} overflow="hidden" display={small ? 'none' : 'flex'}>
          <Header kind={db.kind} location={db.location} serving={db.serving !== undefined} summary={summary} tz={app.params.tz} signupEvent={state.signupEvent} width={size.columns} />
          <Box display={top && app.base === 'metrics' ? 'flex' : 'none'}>
            <MetricsScreen active={top && app.base === 'metrics'} height={bodyRows} />
          </Box>
          <Box display={top && app.base === 'console' ? 'flex' : 'none'}>
            <ConsoleScreen active={top && app.base === 'console'} height={bodyRows} />
          </Box>
          {app.base === 'churn' ? (
            <Box display={top ? 'flex' : 'none'}>
              <ChurnScreen active={top} height={bodyRows} />
            </Box>
          ) : null}
          {app.base === 'load' ? (
            <Box display={top ? 'flex' : 'none'}>
              <LoadScreen active={top} height={bodyRows} initialSource={app.loadSource} />
            </Box>
          ) : null}
          {app.overlay && !small ? <OverlaySwitch overlay={app.overlay} height={bodyRows} /> : null}
        </Box>
        </KeyRouter>
      </UiActionsContext.Provider>
    </UiStateContext.Provider>
  );
}
