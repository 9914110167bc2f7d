import { Box } from 'ink';
import type { MetricDef, MetricResult } from '../../../metrics/types.js';
import { Footer } from '../../components/footer.js';
import { ResultPane } from '../../components/result-pane.js';
import type { CommandId } from '../../keys/commands.js';
import type { Task } from '../../services/task.js';

export function ChurnView(props: {
  title: string;
  def: MetricDef | undefined;
  task: Task<MetricResult>;
  shown: MetricResult | undefined;
  lines: readonly string[];
  scroll: number;
  highlight?: number;
  extra?: string;
  width: number;
  height: number;
  commands: readonly CommandId[];
  flash: string | null;
  narrowing: string;
}) {
  const h = props.height - 1;
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <ResultPane
        title={props.title}
        def={props.def}
        task={props.task}
        shown={props.shown}
        lines={props.lines}
        scroll={props.scroll}
        highlight={props.highlight}
        extra={props.extra}
        narrowing={props.narrowing}
        width={props.width}
        height={h}
      />
      <Footer ids={props.commands} width={props.width} note={props.flash ?? undefined} />
    </Box>
  );
}
