import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/db/types.js';
import type { RejectRecord } from '../../src/ingest/rejects.js';

/** A scratch directory per test file; removed by the OS tmp cleaner or the caller. */
export function scratchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-ingest-'));
}

let n = 0;
/** Writes `content` to a fresh file and returns its path. */
export function writeInput(dir: string, content: string | Buffer, name = `in-${++n}.jsonl`): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

export function readRejects(file: string): RejectRecord[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l)
    .map((l) => JSON.parse(l) as RejectRecord);
}

let idn = 0;
/** A fresh, unique event id (a test file's events never collide with another's). */
export function nextId(): string {
  idn++;
  return `0000${process.pid.toString(16).padStart(4, '0').slice(-4)}-0000-4000-8000-${String(idn).padStart(12, '0')}`;
}

export function ev(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { event_id: nextId(), event_name: 'page_view', event_time: '2025-01-01T10:00:00Z', user_id: 'u1', ...over };
}

export const jsonl = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

export async function stored(db: Db): Promise<{ event_id: string; event_name: string; event_time: string; user_id: string; properties: unknown }[]> {
  const r = await db.query<{ event_id: string; event_name: string; event_time: Date; user_id: string; properties: unknown }>(
    'select event_id::text, event_name, event_time, user_id, properties from events order by event_id',
  );
  return r.rows.map((x) => ({ ...x, event_time: x.event_time.toISOString() }));
}

export async function countEvents(db: Db): Promise<number> {
  const r = await db.query<{ n: number }>('select count(*)::int8 as n from events');
  return r.rows[0]!.n;
}
