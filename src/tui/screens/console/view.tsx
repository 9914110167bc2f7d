import { Box, Text } from 'ink';
import type { SqlResult } from '../../../metrics/types.js';
import { Footer } from '../../components/footer.js';
import { ScrollLines, clampOffset } from '../../components/scroll-lines.js';
import { Spinner } from '../../components/spinner.js';
import type { CommandId } from '../../keys/commands.js';
import type { Task } from '../../services/task.js';

export const INPUT_MAX_ROWS = 6;

export function ConsoleView(props: {
  buffer: string;
  task: Task<SqlResult>;
  lines: readonly string[];
  scroll: number;
  resultRows: number;
  width: number;
  height: number;
  commands: readonly CommandId[];
  /** A one-off message (where an export went). */
  flash: string | null;
}) {
  const { task } = props;
  const inputLines = props.buffer.split('\n').slice(-INPUT_MAX_ROWS);
  const start = clampOffset(props.scroll, props.lines.length, props.resultRows);
  const r = task.status === 'done' ? task.value : undefined;
  const facts = r
    ? (r.warning ? `${r.warning} · ` : '') +
      (r.truncated ? `first ${r.rows.length} rows (the result has more)` : `${r.rowCount} row${r.rowCount === 1 ? '' : 's'}`) +
      ` · ${r.seconds.toFixed(3)} s` +
      (props.lines.length > props.resultRows ? ` · lines ${start + 1}–${Math.min(start + props.resultRows, props.lines.length)} of ${props.lines.length}` : '')
    : '';
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text bold wrap="truncate">
        SQL console <Text dimColor>read-only · a statement ending in ; runs on Enter · Ctrl-J or Alt-Enter runs any time</Text>
      </Text>
      {task.status === 'running' ? (
        <Spinner label="running… (Ctrl-C cancels)" since={task.since} />
      ) : task.status === 'error' ? (
        <Text color="red" wrap="truncate">✗ {task.message}</Text>
      ) : (
        <Text dimColor wrap="truncate">{facts || ' '}</Text>
      )}
      <ScrollLines lines={props.lines} offset={props.scroll} height={props.resultRows} width={props.width} />
      <Box flexDirection="column" height={INPUT_MAX_ROWS}>
        {inputLines.map((l, i) => (
          <Text key={i} wrap="truncate">
            <Text color="cyan">{i === 0 && props.buffer.split('\n').length <= INPUT_MAX_ROWS ? 'sql> ' : '...> '}</Text>
            {l}
            {i === inputLines.length - 1 ? <Text inverse> </Text> : null}
          </Text>
        ))}
      </Box>
      <Footer ids={props.commands} width={props.width} note={props.flash ?? undefined} />
    </Box>
  );
}
