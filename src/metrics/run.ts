import { UsageError } from '../errors.js';
import type { Db } from '../db/types.js';
import { getMetric, metricNames, sqlTextOf } from './catalogue.js';
import { checkInput, checkTimeZone, resolveParams } from './params.js';
import { applyReportingSettings } from './settings.js';
import type { DataSummary, MetricDef, MetricInput, MetricResult, ParamName, ResolvedParams } from './types.js';

/**
 * Runs a metric's SQL file as it is: psql meta-command lines (the `\if ... \set`
 * defaults) are dropped and each `:'name'` variable becomes a bound `$n`, so the
 * application and psql execute the same text.
 */
export function boundSql(text: string): { sql: string; names: ParamName[] } {
  const names: ParamName[] = [];
  const sql = text
    .split('\n')
    .filter((l) => !/^\s*\\/.test(l))
    .join('\n')
    .replace(/(?<!:):'([a-z_]+)'/g, (_m, n: ParamName) => {
      if (!names.includes(n)) names.push(n);
      return `$${names.indexOf(n) + 1}`;
    });
  return { sql, names };
}

const bound = new Map<string, ReturnType<typeof boundSql>>();

export function requireMetric(name: string): MetricDef {
  const def = getMetric(name);
  if (!def) throw new UsageError(`unknown metric "${name}"; the metrics are: ${metricNames().join(', ')}`);
  return def;
}

/**
 * The values bound to the file's variables: the resolved ones, so the planner
 * sees constants. A known_at the user did not give stays 'infinity' (no cut):
 * the run is one snapshot, and the known_at it reports was read after it.
 */
function paramText(p: ResolvedParams, name: ParamName): string {
  if (name === 'known_at' && !p.known_at_given) return 'infinity';
  // a list of event names reaches SQL as one JSON array text, '' when empty (as psql passes it)
  const v = p[name];
  if (Array.isArray(v)) return v.length ? JSON.stringify(v) : '';
  // --segment and --where as one JSON object text, '' when empty
  if (typeof v === 'object') return Object.keys(v).length ? JSON.stringify(v) : '';
  return String(v);
}

/**
 * A metric file always leads with its --by group, `segment` (null when --by is
 * not given, as psql shows it); a result without --by leaves that column out.
 */
function withoutUnaskedSegment(p: ResolvedParams, columns: string[], rows: Record<string, unknown>[]) {
  if (p.by !== '' || columns[0] !== 'segment') return { columns, rows };
  return { columns: columns.slice(1), rows: rows.map(({ segment: _segment, ...rest }) => rest) };
}

export async function runMetric(db: Db, name: string, input: MetricInput, opts: { signal?: AbortSignal } = {}): Promise<MetricResult> {
  const def = requireMetric(name);
  const checked = checkInput(def, input);
  const ranAt = new Date();
  const t0 = performance.now();
  let b = bound.get(name);
  if (!b) bound.set(name, (b = boundSql(metricSqlText(name))));
  const { sql, names } = b;
  return db.transaction(
    async (s) => {
      // one snapshot for the parameters, the metric and its newest event (see paramText)
      await s.query('set transaction isolation level repeatable read');
      await applyReportingSettings(s);
      const tz = await checkTimeZone(db, s, checked.tz ?? 'UTC');
      const params = await resolveParams(s, def, checked, tz);
      const r = await s.query(sql, names.map((n) => paramText(params, n)));
      const newest = await s.query<{ t: Date | null }>(
        // before the first instant of the day after as_of, as the metric files cut
        `select max(event_time) as t from events
          where event_time < evtui_day_start($1::date + 1, $2) and ingested_at <= $3::timestamptz`,
        [params.as_of, params.tz, params.known_at],
      );
      const { columns, rows } = withoutUnaskedSegment(params, r.fields.map((f) => f.name), r.rows);
      return {
        metric: name,
        sqlFile: def.file,
        params,
        columns,
        rows,
        ranAt,
        newestEvent: newest.rows[0]?.t ?? null,
        seconds: (performance.now() - t0) / 1000,
      };
    },
    { readOnly: true, signal: opts.signal },
  );
}

export async function dataSummary(db: Db): Promise<DataSummary> {
  const r = await db.query<{ events: number; users: number; first: Date | null; last: Date | null }>(
    `select (select count(*) from events) as events,
            (select count(*) from (select user_id from events group by user_id) u) as users,
            (select min(event_time) from events) as first,
            (select max(event_time) from events) as last`,
  );
  const row = r.rows[0]!;
  return { events: row.events, users: row.users, firstEvent: row.first, lastEvent: row.last };
}

/** The SQL file's text, for `s` (show SQL) and exports. */
export function metricSqlText(name: string): string {
  const text = sqlTextOf(requireMetric(name).name);
  if (text === undefined) throw new UsageError(`unknown metric "${name}"`);
  return text;
}
