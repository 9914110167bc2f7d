import { Box, Text } from 'ink';
import { valueText } from '../../metrics/properties.js';
import type { MetricDef, MetricResult, ResolvedParams } from '../../metrics/types.js';
import type { Task } from '../services/task.js';
import { timestampText } from '../render/format.js';
import { ScrollLines, clampOffset, followOffset } from './scroll-lines.js';
import { Spinner } from './spinner.js';

/** Rows the pane spends on its title, parameters, run facts and status. */
export const PANE_CHROME = 3;

/** What narrows or splits a result: the --segment, --where, --by and --exclude it was (or is to be) run with. */
export interface Narrowing {
  segment?: Readonly<Record<string, unknown>> | string;
  where?: Readonly<Record<string, unknown>> | string;
  by?: string;
  exclude?: readonly string[];
}

const pairs = (o: Narrowing['segment']) => (o && typeof o === 'object' ? Object.entries(o).map(([k, v]) => `${k}=${valueText(v)}`) : []);

/**
 * The caption's second line, `segment plan=pro · where path=/home · broken
 * down by plan`, written as the flags are; '' when nothing narrows the result.
 * Exclusions count only for a metric that takes them.
 */
export function narrowingText(def: MetricDef | undefined, n: Narrowing): string {
  const parts: string[] = [];
  const segment = pairs(n.segment);
  const where = pairs(n.where);
  if (segment.length) parts.push(`segment ${segment.join(', ')}`);
  if (where.length) parts.push(`where ${where.join(', ')}`);
  if (n.by) parts.push(`broken down by ${n.by}`);
  if (n.exclude?.length && def?.params.includes('exclude')) parts.push(`excluding ${n.exclude.join(', ')}`);
  return parts.join(' · ');
}

/** The pane's chrome with the narrowing line when there is one. */
export function paneChrome(narrowing: string): number {
  return PANE_CHROME + (narrowing ? 1 : 0);
}

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
  /** narrowingText of the result: a line of its own under the title, so a narrow pane never cuts it off. */
  narrowing?: string;
  /** Said in the status line while nothing runs (e.g. what a funnel needs first). */
  idleNote?: string;
}) {
  const { task, shown, width } = props;
  const bodyH = Math.max(1, props.height - paneChrome(props.narrowing ?? ''));
  const start = props.highlight === undefined ? clampOffset(props.scroll, props.lines.length, bodyH) : followOffset(props.highlight, props.lines.length, bodyH);
  const more = props.extra === undefined && props.lines.length > bodyH ? ` · lines ${start + 1}–${Math.min(start + bodyH, props.lines.length)} of ${props.lines.length}` : '';
  return (
    <Box flexDirection="column" width={width} height={props.height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold>{props.title}</Text>
        {shown ? <Text color="cyan"> {paramsText(props.def, shown.params)}</Text> : null}
      </Text>
      {props.narrowing ? (
        <Text wrap="truncate" color="yellow">
          {props.narrowing}
        </Text>
      ) : null}
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
        <Text wrap="truncate" color="yellow">
          {task.status === 'idle' && props.idleNote ? props.idleNote : ' '}
        </Text>
      )}
      {shown ? <ScrollLines lines={props.lines} offset={props.scroll} height={bodyH} width={width} highlight={props.highlight} /> : null}
    </Box>
  );
}
