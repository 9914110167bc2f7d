import { Option, type Command } from 'commander';
import { defaultSignupEvent } from '../../config.js';
import { UsageError } from '../../errors.js';
import { getMetric, metricNames } from '../../metrics/catalogue.js';
import { runMetric } from '../../metrics/run.js';
import type { MetricDef, MetricInput, MetricResult, ParamName } from '../../metrics/types.js';
import { out, withDb } from '../context.js';
import { CANCELLABLE_OPEN, cancellableOnCtrlC } from '../interrupt.js';
import { renderRows, FORMATS, type Format } from '../../format/rows.js';
import { usageFail } from '../main.js';

/** Each flag and the metric parameter it sets. */
const FLAGS: readonly { flag: string; key: string; param: ParamName; help: string }[] = [
  { flag: '--from <date>', key: 'from', param: 'from', help: 'first day, YYYY-MM-DD (default: 29 days before --to)' },
  { flag: '--to <date>', key: 'to', param: 'to', help: 'last day, YYYY-MM-DD (default: the day of the latest event)' },
  { flag: '--as-of <date>', key: 'asOf', param: 'as_of', help: 'nothing after the end of this day is seen (default: --to)' },
  { flag: '--tz <zone>', key: 'tz', param: 'tz', help: 'IANA time zone that defines a day (default: UTC)' },
  { flag: '--known-at <timestamp>', key: 'knownAt', param: 'known_at', help: 'only events ingested by then (ISO-8601), to reproduce a past report' },
  { flag: '--granularity <period>', key: 'granularity', param: 'granularity', help: 'period: day, week or month (default: week for cohort_retention, day for lifecycle)' },
  { flag: '--window-days <n>', key: 'windowDays', param: 'window_days', help: 'funnel window in days of 24 hours (default: 7)' },
  { flag: '--signup-event <name>', key: 'signupEvent', param: 'signup_event', help: 'event name marking a signup (default: $EVTUI_SIGNUP_EVENT or signup)' },
  { flag: '--status <status>', key: 'status', param: 'status', help: 'churn status: active, soft_churn, churned, hard_churn (default: active)' },
  { flag: '--limit <n>', key: 'limit', param: 'limit', help: 'page size (default: 50)' },
  { flag: '--offset <n>', key: 'offset', param: 'offset', help: 'users skipped (default: 0)' },
  { flag: '--user <id>', key: 'user', param: 'user_id', help: 'the user, for user_timeline' },
  { flag: '--steps <A,B,...>', key: 'steps', param: 'steps', help: 'funnel steps: 2 to 10 event names, in order, separated by commas' },
  { flag: '--exclude <name>', key: 'exclude', param: 'exclude', help: 'funnel: drop an entry in which this event occurs before its last step (repeatable)' },
  { flag: '--segment <key=value>', key: 'segment', param: 'segment', help: "only users whose signup event's property KEY equals VALUE (repeatable; VALUE read as JSON when it parses)" },
  { flag: '--where <key=value>', key: 'where', param: 'where', help: "only counted events whose property KEY equals VALUE (repeatable; VALUE read as JSON when it parses)" },
  { flag: '--by <key>', key: 'by', param: 'by', help: "one group of rows per text of the user property KEY, in a leading segment column (null group last)" },
  { flag: '--mode <mode>', key: 'mode', param: 'mode', help: 'cohort_retention: on (active in period k) or on_or_after (in k or later) (default: on)' },
];

/** The flags that may be given more than once, each value kept. */
const REPEATABLE: readonly ParamName[] = ['exclude', 'segment', 'where'];
const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

const HELP = `
Metrics (evtui metrics describes each): ${metricNames().join(', ')}.
Dates are calendar days in --tz; rates are fractions from 0 to 1. With
--format json the output is an array of row objects (dates YYYY-MM-DD,
timestamps ISO-8601 UTC). The table's caption shows the parameters used,
including known_at: pass it back with --known-at to reproduce the numbers
after late events arrive. The SQL behind a metric is sql/analytics/<name>.sql.`;

/**
 * KEY=VALUE pairs as one object: VALUE is read as JSON when it parses as JSON
 * (plan="pro", seats=3, trial=true), else as a string (plan=pro).
 */
export function keyValues(flag: string, pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`${flag} expects KEY=VALUE (got ${JSON.stringify(pair)})`);
    const key = pair.slice(0, eq);
    const text = pair.slice(eq + 1);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = text;
    }
    if (key in out && JSON.stringify(out[key]) !== JSON.stringify(value)) {
      throw new UsageError(`${flag} gives ${key} two values (${JSON.stringify(out[key])} and ${JSON.stringify(value)}): no one can match both`);
    }
    out[key] = value;
  }
  return out;
}

/** The flags given on the command line, as metric input; a flag the metric does not take is a usage error. */
export function metricInput(def: MetricDef, opts: Record<string, unknown>): MetricInput {
  const input: Record<string, unknown> = {};
  for (const f of FLAGS) {
    const v = opts[f.key];
    if (v === undefined) continue;
    if (!def.params.includes(f.param)) throw new UsageError(`${f.flag.split(' ')[0]} does not apply to ${def.name}`);
    input[f.param] = f.param === 'segment' || f.param === 'where' ? keyValues(f.flag.split(' ')[0]!, v as string[]) : v;
  }
  if (def.params.includes('signup_event') && input.signup_event === undefined) input.signup_event = defaultSignupEvent();
  return input as MetricInput;
}

/** One line saying what the numbers are: the parameters used, rows, time. */
export function caption(r: MetricResult, def: MetricDef): string {
  const p = r.params;
  const parts: string[] = [r.metric];
  const uses = (n: ParamName) => def.params.includes(n);
  if (!['churn', 'churn_users', 'user_timeline'].includes(def.name)) parts.push(`${p.from} to ${p.to}`);
  parts.push(`as_of ${p.as_of}`, `tz ${p.tz}`);
  if (uses('signup_event')) parts.push(`signup_event ${p.signup_event}`);
  if (uses('granularity')) parts.push(`granularity ${p.granularity}`);
  if (uses('window_days')) parts.push(`window_days ${p.window_days}`);
  if (uses('mode')) parts.push(`mode ${p.mode}`);
  const pairs = (o: Record<string, unknown>) => Object.entries(o).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',');
  if (Object.keys(p.segment).length) parts.push(`segment ${pairs(p.segment)}`);
  if (Object.keys(p.where).length) parts.push(`where ${pairs(p.where)}`);
  if (p.by) parts.push(`by ${p.by}`);
  if (uses('steps')) parts.push(`steps ${p.steps.join(',')}`);
  if (uses('exclude') && p.exclude.length) parts.push(`exclude ${p.exclude.join(',')}`);
  if (uses('status')) parts.push(`status ${p.status}`, `limit ${p.limit}`, `offset ${p.offset}`);
  if (uses('user_id')) parts.push(`user ${p.user_id}`);
  parts.push(`known_at ${p.known_at}`, `${r.rows.length} row${r.rows.length === 1 ? '' : 's'} in ${r.seconds.toFixed(2)} s`);
  return parts.join(' · ');
}

/** For reading on screen only: rates to 4 decimals, seconds to the millisecond. */
function forScreen(r: MetricResult, def: MetricDef): Record<string, unknown>[] {
  const kind = new Map(def.columns.map((c) => [c.name, c.kind]));
  return r.rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => {
        if (typeof v !== 'number') return [k, v];
        if (kind.get(k) === 'rate') return [k, Number(v.toFixed(4))];
        if (kind.get(k) === 'seconds') return [k, Number(v.toFixed(3))];
        return [k, v];
      }),
    ),
  );
}

export function registerMetric(program: Command): void {
  const cmd = program
    .command('metric')
    .description('compute one metric (evtui metrics lists them)')
    .argument('<name>', 'the metric')
    .addHelpText('after', HELP);
  for (const f of FLAGS) {
    const o = new Option(f.flag, f.help);
    if (f.param === 'granularity') o.choices(['day', 'week', 'month']);
    if (f.param === 'status') o.choices(['active', 'soft_churn', 'churned', 'hard_churn']);
    if (f.param === 'mode') o.choices(['on', 'on_or_after']);
    if (REPEATABLE.includes(f.param)) o.argParser(collect);
    cmd.addOption(o);
  }
  cmd.addOption(new Option('--format <format>', 'output format').choices(FORMATS as string[]).default('table'));
  cmd.action(async (name: string, opts: Record<string, unknown>, c: Command) => {
    const def = getMetric(name);
    if (!def) usageFail(c, `unknown metric "${name}"; the metrics are: ${metricNames().join(', ')}`);
    let input: MetricInput;
    try {
      input = metricInput(def, opts);
    } catch (err) {
      usageFail(c, (err as Error).message);
    }
    const format = opts.format as Format;
    const result = await withDb(c, (db) => cancellableOnCtrlC(db, (signal) => runMetric(db, name, input, { signal })), CANCELLABLE_OPEN);
    const rows = format === 'table' ? forScreen(result, def) : result.rows;
    if (format === 'table') out(caption(result, def));
    out(renderRows(rows, result.columns, format, format === 'table' ? process.stdout.columns : undefined));
  });
}
