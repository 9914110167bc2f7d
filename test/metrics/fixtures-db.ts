import { runMetric } from '../../src/metrics/run.js';
import type { Db } from '../../src/db/types.js';
import type { MetricInput } from '../../src/metrics/types.js';

/**
 * Fixture helpers for the metric tests: events go in with plain SQL (so the
 * tests do not depend on the loader), with explicit ingested_at where a test
 * needs to reproduce a late batch.
 */
export interface Ev {
  u: string;
  n: string;
  /** event_time, ISO-8601 with offset */
  t: string;
  /** ingested_at; default `BASE_INGEST` */
  i?: string;
  p?: Record<string, unknown>;
}

export const BASE_INGEST = '2020-01-01T00:00:00Z';

export const ev = (u: string, n: string, t: string, i?: string, p?: Record<string, unknown>): Ev => ({ u, n, t, i, p });

export async function insertEvents(db: Db, evs: readonly Ev[]): Promise<void> {
  // One bound JSON document, unpacked in SQL: the same text runs on pg and PGlite.
  const doc = JSON.stringify(evs.map((e) => ({ u: e.u, n: e.n, t: e.t, i: e.i ?? BASE_INGEST, p: e.p ?? {} })));
  await db.query(
    `insert into events (event_id, event_name, event_time, user_id, properties, ingested_at)
     select gen_random_uuid(), x.n, x.t, x.u, x.p, x.i
     from jsonb_to_recordset($1::jsonb) as x(u text, n text, t timestamptz, i timestamptz, p jsonb)`,
    [doc],
  );
}

export async function rows(db: Db, name: string, input: MetricInput): Promise<Record<string, unknown>[]> {
  return (await runMetric(db, name, input)).rows;
}

/** A day series as `{day: value}`, which reads better in an assertion than an array of rows. */
export async function series(db: Db, name: string, col: string, input: MetricInput): Promise<Record<string, unknown>> {
  const r = await rows(db, name, input);
  return Object.fromEntries(r.map((x) => [x.day as string, x[col]]));
}
