import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../../src/metrics/catalogue.js';
import { runMetric } from '../../src/metrics/run.js';
import type { MetricDef } from '../../src/metrics/types.js';
import { ROOT } from '../../src/paths.js';
import { createTestDb, serverUrl, type TestDb } from '../helpers/db.js';
import { insertSmoke } from './smoke-data.js';

/** psql runs the very files the application runs: same numbers, with and without variables. */
function psql(url: string, file: string, vars: Record<string, string | number>): string[][] {
  const u = new URL(url);
  const args = ['-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username) || 'postgres', '-d', u.pathname.slice(1)];
  for (const [k, v] of Object.entries(vars)) args.push('-v', `${k}=${v}`);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password), PGTZ: 'UTC' };
  const text = execFileSync('psql', [...args, '-f', path.join(ROOT, file)], { env }).toString();
  return text.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

/** Both sides as comparable text: numbers to 12 digits, instants as ISO, JSON re-serialised. */
function norm(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return v.toPrecision(12);
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s).toPrecision(12);
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00$/.test(s)) return new Date(s.replace(' ', 'T') + ':00').toISOString();
  if (s.startsWith('{')) return JSON.stringify(JSON.parse(s));
  return s;
}

/** psql shows a file's group column `segment` (empty without --by), which a result without --by leaves out. */
function withGroup(m: MetricDef, columns: string[]): string[] {
  return m.groups && columns[0] !== 'segment' ? ['segment', ...columns] : columns;
}

describe.skipIf(!serverUrl())('sql/analytics files under psql', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('server');
    await insertSmoke(t.db);
  });
  afterAll(async () => t?.close());

  const url = () => t.cliArgs[1]!;
  const cases: [string, Record<string, string | number>][] = [
    ['UTC window', { from: '2025-01-01', to: '2025-01-10', as_of: '2025-01-10', tz: 'UTC' }],
    ['New York, early as_of', { from: '2025-01-01', to: '2025-01-06', as_of: '2025-01-04', tz: 'America/New_York', granularity: 'day', window_days: 2, status: 'active', limit: 10, offset: 0 }],
    // the smoke data carries no properties: the segment holds no one, the where no event
    ['a segment, a where and steps as JSON texts', { from: '2025-01-01', to: '2025-01-10', tz: 'UTC', segment: '{"plan":"pro"}', where: '{"platform":"web"}', steps: '["signup","view"]', mode: 'on_or_after' }],
    ['a breakdown by a property no one has', { from: '2025-01-01', to: '2025-01-10', tz: 'UTC', by: 'plan', granularity: 'week' }],
    ['steps and exclusions as names', { from: '2025-01-01', to: '2025-01-10', tz: 'UTC', steps: 'signup,view,view', exclude: 'view,other', window_days: 9 }],
  ];

  it.each(cases)('gives the numbers runMetric gives (%s)', async (_name, vars) => {
    for (const m of METRICS) {
      const input = { user_id: 'u1', steps: 'signup,view', ...vars };
      const r = await runMetric(t.db, m.name, input);
      const fileVars = Object.fromEntries(Object.entries(input).filter(([k]) => (m.params as string[]).includes(k)));
      const got = psql(url(), m.file, fileVars);
      expect(got.map((row) => row.map(norm)), m.name).toEqual(r.rows.map((row) => withGroup(m, r.columns).map((c) => norm(row[c]))));
    }
  }, 30_000);

  it('runs every file with no variables at all, with the defaults runMetric resolves', async () => {
    for (const m of METRICS) {
      const only: Record<string, string> = m.name === 'user_timeline' ? { user_id: 'u1' } : m.name === 'funnel' ? { steps: 'signup,view' } : {};
      const got = psql(url(), m.file, only);
      const r = await runMetric(t.db, m.name, only);
      expect(got.map((row) => row.map(norm)), m.name).toEqual(r.rows.map((row) => withGroup(m, r.columns).map((c) => norm(row[c]))));
    }
  }, 30_000);
});
