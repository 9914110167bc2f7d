import { Box, Text } from 'ink';
import type { MetricDef, MetricResult } from '../../../metrics/types.js';
import { CursorLine } from '../../components/cursor-line.js';
import { Footer } from '../../components/footer.js';
import { ResultPane } from '../../components/result-pane.js';
import type { Task } from '../../services/task.js';
import { wordWrap } from '../../render/format.js';
import type { CommandId } from '../../keys/commands.js';

export const LIST_WIDTH = 22;

export function MetricsView(props: {
  list: readonly MetricDef[];
  cursor: number;
  open: string | null;
  def: MetricDef | undefined;
  task: Task<MetricResult>;
  shown: MetricResult | undefined;
  lines: readonly string[];
  scroll: number;
  width: number;
  height: number;
  commands: readonly CommandId[];
  flash: string | null;
  narrowing: string;
  idleNote?: string;
}) {
  const paneW = Math.max(20, props.width - LIST_WIDTH - 1);
  const h = props.height - 1;
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Box height={h}>
        <Box flexDirection="column" width={LIST_WIDTH} height={h} marginRight={1} overflow="hidden">
          <Text bold underline>Metrics</Text>
          {props.list.map((m, i) => (
            <CursorLine key={m.name} selected={i === props.cursor} color={m.name === props.open ? 'green' : undefined}>
              {m.name === props.open ? '● ' : '  '}
              {m.name}
            </CursorLine>
          ))}
          {props.def ? (
            <Box marginTop={1} flexDirection="column">
              {wordWrap(props.list[props.cursor]?.summary ?? '', LIST_WIDTH).map((l, i) => (
                <Text key={i} dimColor>
                  {l}
                </Text>
              ))}
            </Box>
          ) : null}
        </Box>
        <ResultPane title={props.open ?? 'no metric'} def={props.def} task={props.task} shown={props.shown} lines={props.lines} scroll={props.scroll} width={paneW} height={h} narrowing={props.narrowing} idleNote={props.idleNote} />
      </Box>
      <Footer ids={props.commands} width={props.width} note={props.flash ?? undefined} />
    </Box>
  );
}
