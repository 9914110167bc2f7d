import fs from 'node:fs';
import path from 'node:path';
import { format as fmt } from 'date-fns/format';
import { renderRows, toJsonRows } from '../../format/rows.js';
import { getMetric } from '../../metrics/catalogue.js';
import type { MetricResult, ResolvedParams, SqlResult } from '../../metrics/types.js';

export type ExportFormat = 'csv' | 'json';

export interface ExportFiles {
  dataPath: string;
  /** The CSV's sidecar with the run's facts; a JSON export carries them inline. */
  metaPath: string | null;
}

const FLAG: Partial<Record<keyof ResolvedParams, string>> = {
  from: '--from', to: '--to', as_of: '--as-of', tz: '--tz', signup_event: '--signup-event',
  granularity: '--granularity', window_days: '--window-days', status: '--status', limit: '--limit', offset: '--offset',
};

const isJsonText = (v: string): boolean => {
  try {
    JSON.parse(v);
    return true;
  } catch {
    return false;
  }
};

const shellWord = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** The command that gives the same numbers later, even after late events arrive (known_at pins what was known). */
export function reproduceCommand(r: MetricResult): string {
  const def = getMetric(r.metric);
  const names = (def?.params ?? Object.keys(FLAG)) as readonly string[];
  const args = ['evtui', 'metric', r.metric];
  for (const [k, flag] of Object.entries(FLAG)) {
    if (names.includes(k)) args.push(flag!, String(r.params[k as keyof ResolvedParams]));
  }
  const p = r.params;
  if (names.includes('mode')) args.push('--mode', p.mode);
  if (names.includes('steps') && p.steps.length) args.push('--steps', p.steps.join(','));
  for (const name of names.includes('exclude') ? p.exclude : []) args.push('--exclude', name);
  // a VALUE that is not a plain string is written as JSON, which the flag reads back as the same value
  const pair = (k: string, v: unknown) => `${k}=${typeof v === 'string' && !isJsonText(v) ? v : JSON.stringify(v)}`;
  for (const [k, v] of Object.entries(p.segment)) args.push('--segment', pair(k, v));
  for (const [k, v] of Object.entries(p.where)) args.push('--where', pair(k, v));
  if (p.by) args.push('--by', p.by);
  args.push('--known-at', p.known_at);
  return args.map(shellWord).join(' ');
}

export function runFacts(r: MetricResult) {
  return {
    metric: r.metric,
    sql_file: r.sqlFile,
    params: r.params,
    known_at: r.params.known_at,
    ran_at: r.ranAt.toISOString(),
    newest_event: r.newestEvent ? r.newestEvent.toISOString() : null,
    row_count: r.rows.length,
    reproduce: reproduceCommand(r),
  };
}

function baseName(r: MetricResult, now: Date): string {
  const parts = [r.metric];
  if (r.metric === 'churn_users') parts.push(r.params.status);
  if (r.metric === 'user_timeline') parts.push(r.params.user_id.replace(/[^\w.-]+/g, '_').slice(0, 40));
  parts.push(fmt(now, 'yyyyMMdd-HHmmss'));
  return parts.join('-');
}

/** A name that is not taken yet in `dir` (two exports in one second do not overwrite each other). */
function freeName(dir: string, base: string, ext: string): string {
  for (let i = 1; ; i++) {
    const p = path.join(dir, `${base}${i === 1 ? '' : `-${i}`}${ext}`);
    if (!fs.existsSync(p) && !fs.existsSync(p.replace(/\.(csv|json)$/, '.meta.json'))) return p;
  }
}

/**
 * Writes rows as CSV with a .meta.json sidecar holding `facts`, or as one JSON
 * object with the facts inline; never over an existing file.
 */
function writeExport(dir: string, base: string, format: ExportFormat, facts: object, columns: string[], rows: Record<string, unknown>[]): ExportFiles {
  fs.mkdirSync(dir, { recursive: true });
  if (format === 'json') {
    const dataPath = freeName(dir, base, '.json');
    fs.writeFileSync(dataPath, JSON.stringify({ ...facts, columns, rows: toJsonRows(rows) }, null, 2) + '\n');
    return { dataPath, metaPath: null };
  }
  const dataPath = freeName(dir, base, '.csv');
  const metaPath = dataPath.replace(/\.csv$/, '.meta.json');
  fs.writeFileSync(dataPath, renderRows(rows, columns, 'csv'));
  fs.writeFileSync(metaPath, JSON.stringify({ ...facts, data_file: path.basename(dataPath), columns }, null, 2) + '\n');
  return { dataPath, metaPath };
}

/** Writes the result's rows with the SQL file, parameters and known_at of its run. */
export function exportResult(r: MetricResult, format: ExportFormat, dir: string, now = new Date()): ExportFiles {
  return writeExport(dir, baseName(r, now), format, runFacts(r), r.columns, r.rows);
}

/**
 * A SQL console result, with the statement and when it ran. The console keeps
 * at most its first rows; `truncated` says so, and `reproduce` is the command
 * that writes them all.
 */
export function exportSqlResult(r: SqlResult, format: ExportFormat, dir: string, now = new Date()): ExportFiles {
  const facts = {
    sql: r.statement,
    ran_at: r.ranAt.toISOString(),
    row_count: r.rows.length,
    truncated: r.truncated,
    reproduce: ['evtui', 'sql', r.statement, '--format', format].map(shellWord).join(' '),
  };
  return writeExport(dir, `sql-${fmt(now, 'yyyyMMdd-HHmmss')}`, format, facts, r.columns, r.rows);
}
