import { Box, Text } from 'ink';
import { useKeys } from '../../keys/use-keys.js';
import { useState } from 'react';
import type { MetricResult, SqlResult } from '../../../metrics/types.js';
import { Footer } from '../../components/footer.js';
import { useUi, useUiActions } from '../../context.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand } from '../../keys/match.js';
import { exportResult, exportSqlResult, type ExportFiles, type ExportFormat } from '../../services/export.js';
import { failureText } from '../../services/task.js';

const COMMANDS: CommandId[] = ['export.csv', 'export.json', 'app.cancel', 'app.interrupt'];

/** What is being exported: a metric's result or a SQL console result. */
export interface ExportSubject {
  title: string;
  /** What the files carry besides the rows. */
  carries: string;
  write: (format: ExportFormat, dir: string) => ExportFiles;
}

export const metricExport = (r: MetricResult): ExportSubject => ({
  title: `Export ${r.metric} (${r.rows.length} rows)`,
  carries: `both carry the SQL file, the parameters and known_at ${r.params.known_at}, so \`evtui metric … --known-at\` gives the same numbers later`,
  write: (format, dir) => exportResult(r, format, dir),
});

export const sqlExport = (r: SqlResult): ExportSubject => ({
  title: `Export the SQL result (${r.rows.length} rows${r.truncated ? ', the first ones only' : ''})`,
  carries: `both carry the statement, when it ran and the \`evtui sql\` command that gives ${r.truncated ? 'every row' : 'the rows again'}`,
  write: (format, dir) => exportSqlResult(r, format, dir),
});

/** `e` (Ctrl-E in the console): pick CSV or JSON; the files are written at once and their paths shown back on the screen below. */
export function ExportScreen({ subject, height }: { subject: ExportSubject; height: number }) {
  const ui = useUi();
  const { dispatch, quit } = useUiActions();
  const [error, setError] = useState<string | null>(null);
  const write = (format: ExportFormat) => {
    try {
      const f = subject.write(format, ui.exportDir);
      dispatch({ type: 'flash', message: `exported to ${f.dataPath}${f.metaPath ? ` (+ ${f.metaPath.slice(f.metaPath.lastIndexOf('/') + 1)})` : ''}` });
      dispatch({ type: 'overlay', overlay: null });
    } catch (err) {
      setError(failureText(err));
    }
  };
  useKeys((input, key) => {
    switch (matchCommand(COMMANDS, input, key)) {
      case 'export.csv': return write('csv');
      case 'export.json': return write('json');
      case 'app.cancel': return dispatch({ type: 'overlay', overlay: null });
      case 'app.interrupt': return quit();
    }
  });
  return (
    <Box flexDirection="column" width={ui.columns} height={height}>
      <Box flexDirection="column" height={height - 1}>
        <Text bold>{subject.title}</Text>
        <Text wrap="wrap">into {ui.exportDir}</Text>
        <Text dimColor wrap="wrap">c: CSV, with a .meta.json beside it · j: one JSON object with the rows</Text>
        <Text dimColor wrap="wrap">{subject.carries}</Text>
        {error ? <Text color="red">✗ {error}</Text> : null}
      </Box>
      <Footer ids={COMMANDS} width={ui.columns} />
    </Box>
  );
}
