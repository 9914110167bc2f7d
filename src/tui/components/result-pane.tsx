import { Box, Text } from 'ink';
import type { MetricDef, MetricResult, ResolvedParams } from '../../metrics/types.js';
import type { Task } from '../services/task.js';
import { timestampText } from '../render/format.js';
import { ScrollLines, clampOffset, followOffset } from './scroll-lines.js';
import { Spinner } from './spinner.js';

/** Rows the pane spends on its title, parameters, run facts and status. */
export const PANE_CHROME = 3;

/** The parameters a result was computed with; only those the metric takes. */
export function paramsText(def: MetricDef | undefined, p: ResolvedParams): string {
  const takes = (n: string) => !def || (def.params as readonly string[]).includes(n);
  const parts: string[] = [];
  if (takes('from')) parts.push(`${p.from} → ${p.to}`);
  parts.push(`as of ${p.as_of}`, `tz ${p.tz}`);
  if (takes('granularity')) parts.push(`by ${p.granularity}`);
  if (takes('window_days')) parts.push(`window ${p.window_days} d`);
  if (p.known_at_given) parts.push(`known at ${p.known_at}`);
  return parts.join(' · ');
}

export function runFacts(r: MetricResult): string {
  const newest = r.newestEvent ? timestampText(r.newestEvent) : 'none';
  return `ran ${r.ranAt.toTimeString().slice(0, 8)} · newest event ${newest} · ${r.seconds.toFixed(2)} s · ${r.rows.length} row${r.rows.length === 1 ? '' : 's'}`;
}

export function ResultPane(props: {
  title: string;
  def: MetricDef | undefined;
  task: Task<MetricResult>;
  shown: MetricResult | undefined;
  lines: readonly string[];
  scroll: number;
  width: number;
  height: number;
  /** A line to show in inverse (a cursor on a row), kept on screen. */
  highlight?: number;
  /** Where the screen is in the result (e.g. "users 1–20 of 37"), shown before the run facts so a narrow pane keeps it. */
  extra?: string;
}) {
  const { task, shown, width } = props;
  const bodyH = Math.max(1, props.height - PANE_CHROME);
  const start = props.highlight === undefined ? clampOffset(props.scroll, props.lines.length, bodyH) : followOffset(props.highlight, props.lines.length, bodyH);
  const more = props.extra === undefined && props.lines.length > bodyH ? ` · lines ${start + 1}–${Math.min(start + bodyH, props.lines.length)} of ${props.lines.length}` : '';
  return (
    <Box flexDirection="column" width={width} height={props.height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold>{props.title}</Text>
        {shown ? <Text color="cyan"> {paramsText(props.def, shown.params)}</Text> : null}
      </Text>
      <Text wrap="truncate" dimColor>
        {shown ? (props.extra ? `${props.extra} · ` : '') + runFacts(shown) + more : props.def?.summary ?? ' '}
      </Text>
      {task.status === 'running' ? (
        <Spinner label={`running ${props.title}…`} since={task.since} />
      ) : task.status === 'error' ? (
        <Text color="red" wrap="truncate">
          ✗ {task.message} — r retry
        </Text>
      ) : (
        <Text> </Text>
      )}
      {shown ? <ScrollLines lines={props.lines} offset={props.scroll} height={bodyH} width={width} highlight={props.highlight} /> : null}
    </Box>
  );
}
