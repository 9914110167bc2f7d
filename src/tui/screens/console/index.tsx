import { useMemo, useReducer } from 'react';
import { runReadOnlySql } from '../../../metrics/sql-console.js';
import type { SqlResult } from '../../../metrics/types.js';
import { useUi, useUiActions } from '../../context.js';
import { displayRows } from '../../render/format.js';
import { compactTable } from '../../render/table.js';
import { maxOffset } from '../../components/scroll-lines.js';
import { useTask } from '../../services/task.js';
import { consoleReducer, endsStatement, initialConsoleState } from './state.js';
import { consoleCommands, useConsoleKeys } from './use-keys.js';
import { ConsoleView, INPUT_MAX_ROWS } from './view.js';

/** Results beyond this are cut (and said so): the console is for looking, exports are for volume. */
export const CONSOLE_MAX_ROWS = 1000;
const TIMEOUT_MS = 5 * 60_000;

/** Wires the SQL console; it stays mounted while hidden, so its history survives leaving. */
export function ConsoleScreen({ active, height }: { active: boolean; height: number }) {
  const ui = useUi();
  const { dispatch: appDispatch } = useUiActions();
  const [s, dispatch] = useReducer(consoleReducer, initialConsoleState);
  const sql = useTask<SqlResult>();
  const running = sql.task.status === 'running';
  const resultRows = Math.max(1, height - 3 - INPUT_MAX_ROWS);
  const value = sql.task.status === 'done' ? sql.task.value : undefined;
  const lines = useMemo(
    () => (value ? (value.rows.length ? compactTable(displayRows(undefined, value), value.columns, ui.columns) : ['(no rows)']) : []),
    [value, ui.columns],
  );
  useConsoleKeys({
    active,
    running,
    complete: endsStatement(s.buffer),
    page: resultRows,
    maxScroll: maxOffset(lines.length, resultRows),
    dispatch,
    onRun: () => {
      const text = s.buffer.trim();
      if (!text) return;
      dispatch({ type: 'submitted' });
      if (ui.app.flash) appDispatch({ type: 'flash', message: null });
      sql.start((signal) => runReadOnlySql(ui.db, text, { signal, timeoutMs: TIMEOUT_MS, maxRows: CONSOLE_MAX_ROWS }));
    },
    onCancel: sql.cancel,
    onExport: () => {
      if (value) appDispatch({ type: 'overlay', overlay: { kind: 'exportSql', result: value } });
      else appDispatch({ type: 'flash', message: 'nothing to export yet: run a statement first' });
    },
    onLeave: () => {
      if (running) sql.cancel();
      appDispatch({ type: 'go', base: 'metrics' });
    },
  });
  return (
    <ConsoleView
      buffer={s.buffer}
      task={sql.task}
      lines={lines}
      scroll={s.scroll}
      resultRows={resultRows}
      width={ui.columns}
      height={height}
      commands={consoleCommands(running)}
      flash={ui.app.flash}
    />
  );
}
