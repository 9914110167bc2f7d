import { Box, Text } from 'ink';
import { useKeys } from '../../keys/use-keys.js';
import { useState } from 'react';
import type { MetricResult } from '../../../metrics/types.js';
import { Footer } from '../../components/footer.js';
import { useUi, useUiActions } from '../../context.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand } from '../../keys/match.js';
import { exportResult, type ExportFormat } from '../../services/export.js';
import { failureText } from '../../services/task.js';

const COMMANDS: CommandId[] = ['export.csv', 'export.json', 'app.cancel', 'app.interrupt'];

/** `e`: pick CSV or JSON; the files are written at once and their paths shown back on the screen below. */
export function ExportScreen({ result, height }: { result: MetricResult; height: number }) {
  const ui = useUi();
  const { dispatch, quit } = useUiActions();
  const [error, setError] = useState<string | null>(null);
  const write = (format: ExportFormat) => {
    try {
      const f = exportResult(result, format, ui.exportDir);
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
        <Text bold>Export {result.metric} ({result.rows.length} rows)</Text>
        <Text wrap="wrap">into {ui.exportDir}</Text>
        <Text dimColor wrap="wrap">c: CSV, with a .meta.json beside it · j: one JSON object {'{metric, sql_file, params, known_at, rows}'}</Text>
        <Text dimColor wrap="wrap">both carry the SQL file, the parameters and known_at {result.params.known_at}, so `evtui metric … --known-at` gives the same numbers later</Text>
        {error ? <Text color="red">✗ {error}</Text> : null}
      </Box>
      <Footer ids={COMMANDS} width={ui.columns} />
    </Box>
  );
}
