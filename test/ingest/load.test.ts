import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { loadSource } from '../../src/ingest/load.js';
import type { LoadProgress } from '../../src/ingest/types.js';
import { describeEachDb } from '../helpers/db.js';
import { countEvents, ev, jsonl, readRejects, scratchDir, stored, writeInput } from './helpers.js';

const dir = scratchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describeEachDb('load', (t) => {
  it('into an empty embedded database, builds the secondary indexes once at the end; into one with events, keeps them', async () => {
    const defs = async () => (await t().db.query(`select indexname, indexdef from pg_indexes where tablename = 'events' order by 1`)).rows;
    const before = await defs();
    const seen: LoadProgress[] = [];
    const r = await loadSource(t().db, writeInput(dir, jsonl(Array.from({ length: 25 }, () => ev()))), { onProgress: (p) => seen.push(p) });
    expect(r.inserted).toBe(25);
    expect(await defs()).toEqual(before);
    expect(seen.some((p) => p.stage === 'indexing')).toBe(t().kind === 'embedded');
    const more: LoadProgress[] = [];
    await loadSource(t().db, writeInput(dir, jsonl([ev()])), { onProgress: (p) => more.push(p) });
    expect(more.some((p) => p.stage === 'indexing')).toBe(false);
  });

  it('accepts a BOM, CRLF, blank lines and surrounding whitespace; numbers physical lines', async () => {
    const [a, b, c] = [ev(), ev(), ev()];
    const text = '\ufeff' + JSON.stringify(a) + '\r\n\r\n   \t \r\n  ' + JSON.stringify(b) + '  \r\n\n' + '{bad\r\n' + JSON.stringify(c);
    const r = await loadSource(t().db, writeInput(dir, text));
    expect(r).toMatchObject({ lines: 4, inserted: 3, duplicates: 0, conflicts: 0, rejected: 1 });
    const rej = readRejects(r.rejectsFile!);
    expect(rej).toEqual([{ line: 6, outcome: 'rejected', reason: 'not valid JSON', raw: '{bad' }]);
  });

  it('rejects invalid UTF-8 (kept as base64) and non-JSON lines without stopping', async () => {
    const good = ev();
    const bad = Buffer.concat([Buffer.from('{"event_name":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const input = Buffer.concat([bad, Buffer.from('\nnot json\n' + JSON.stringify(good) + '\n')]);
    const r = await loadSource(t().db, writeInput(dir, input));
    expect(r).toMatchObject({ lines: 3, inserted: 1, rejected: 2 });
    const rej = readRejects(r.rejectsFile!);
    expect(rej[0]).toEqual({ line: 1, outcome: 'rejected', reason: 'line is not valid UTF-8', raw: bad.toString('base64'), raw_encoding: 'base64' });
    expect(Buffer.from(rej[0]!.raw, 'base64').equals(bad)).toBe(true);
    expect(rej[1]).toEqual({ line: 2, outcome: 'rejected', reason: 'not valid JSON', raw: 'not json' });
  });

  it('rejects a line over 1 MiB, keeping its start, and goes on', async () => {
    const huge = JSON.stringify(ev({ properties: { x: 'y'.repeat(1024 * 1024 + 10) } }));
    const good = ev();
    const r = await loadSource(t().db, writeInput(dir, huge + '\n' + JSON.stringify(good) + '\n'), { batchSize: 1 });
    expect(r).toMatchObject({ lines: 2, inserted: 1, rejected: 1 });
    const rej = readRejects(r.rejectsFile!);
    expect(rej[0]).toMatchObject({ line: 1, reason: 'line is longer than 1 MiB', raw_encoding: 'base64', raw_truncated: true });
    expect(Buffer.from(rej[0]!.raw, 'base64').toString()).toBe(huge.slice(0, 1024));
  });

  it('a reload is all duplicates; a changed copy is a conflict and the stored row is untouched', async () => {
    const events = Array.from({ length: 50 }, (_, i) => ev({ user_id: `u${i}`, properties: { i } }));
    const file = writeInput(dir, jsonl(events));
    const first = await loadSource(t().db, file, { batchSize: 7 });
    expect(first).toMatchObject({ lines: 50, inserted: 50, duplicates: 0, conflicts: 0, rejected: 0, rejectsFile: null });
    const before = await stored(t().db);
    const again = await loadSource(t().db, file, { batchSize: 7 });
    expect(again).toMatchObject({ lines: 50, inserted: 0, duplicates: 50, conflicts: 0, rejected: 0, rejectsFile: null });

    const changed = [{ ...events[3]!, user_id: 'someone-else' }, { ...events[9]!, properties: { i: 'nine' }, event_time: '2025-01-02T00:00:00Z' }, events[10]!];
    const r = await loadSource(t().db, writeInput(dir, jsonl(changed)));
    expect(r).toMatchObject({ lines: 3, inserted: 0, duplicates: 1, conflicts: 2, rejected: 0 });
    expect(readRejects(r.rejectsFile!)).toEqual([
      { line: 1, outcome: 'conflict', reason: 'event_id already stored with a different user_id', raw: JSON.stringify(changed[0]) },
      { line: 2, outcome: 'conflict', reason: 'event_id already stored with a different event_time, properties', raw: JSON.stringify(changed[1]) },
    ]);
    expect(await stored(t().db)).toEqual(before);
  });

  it('judges an id seen twice in one load against its first appearance, within and across batches', async () => {
    const a = ev({ properties: { v: 1 } });
    const b = ev();
    const lines = [a, b, a, { ...a, properties: { v: 2 } }, b, { ...b, user_id: 'other' }];
    for (const batchSize of [100, 1]) {
      const fresh = lines.map((x) => ({ ...x, event_id: x.event_id === a.event_id ? idA[batchSize] : idB[batchSize] }));
      const r = await loadSource(t().db, writeInput(dir, jsonl(fresh)), { batchSize });
      expect(r).toMatchObject({ lines: 6, inserted: 2, duplicates: 2, conflicts: 2, rejected: 0 });
      expect(readRejects(r.rejectsFile!).map((x) => [x.line, x.outcome])).toEqual([
        [4, 'conflict'],
        [6, 'conflict'],
      ]);
    }
  });

  it('counts key order, whitespace and an equivalent offset as the same content', async () => {
    const e = ev({ event_time: '2025-01-01T06:30:00Z', properties: { a: 1, b: { c: [1, 2], d: 'x' } } });
    await loadSource(t().db, writeInput(dir, jsonl([e])));
    const same = [
      `{"user_id":"u1","properties":{"b":{"d":"x","c":[1,2]},"a":1},"event_time":"2025-01-01T12:00:00+05:30","event_name":"page_view","event_id":"${String(e.event_id).toUpperCase()}"}`,
      `{ "event_id" : "${e.event_id}", "event_name": "  page_view ", "event_time": "2025-01-01T06:30:00.000000Z", "user_id": "u1", "properties": { "a": 1.0, "b": {"c": [1, 2], "d": "x"} } }`,
    ];
    const r = await loadSource(t().db, writeInput(dir, same.join('\n')));
    expect(r).toMatchObject({ lines: 2, inserted: 0, duplicates: 2, conflicts: 0, rejected: 0, rejectsFile: null });
  });

  it('--derive-ids: same content gives the same id; a line with its own id is rejected', async () => {
    const base = { event_name: 'click', event_time: '2025-03-01T10:00:00Z', user_id: 7, properties: { b: 2, a: 1 } };
    const lines = [
      base,
      { ...base, event_time: '2025-03-01T11:00:00+01:00', properties: { a: 1, b: 2 }, user_id: '7' },
      { ...base, user_id: 8 },
      { ...base, event_id: ev().event_id },
    ];
    const r = await loadSource(t().db, writeInput(dir, jsonl(lines)), { deriveIds: true });
    expect(r).toMatchObject({ lines: 4, inserted: 2, duplicates: 1, conflicts: 0, rejected: 1 });
    expect(readRejects(r.rejectsFile!)[0]).toMatchObject({ line: 4, reason: 'event_id is present, but --derive-ids derives it; drop one of them' });
    const again = await loadSource(t().db, writeInput(dir, jsonl(lines.slice(0, 3))), { deriveIds: true });
    expect(again).toMatchObject({ inserted: 0, duplicates: 3 });
  });

  it('reports progress with counts that add up, and honours --rejects', async () => {
    const events = Array.from({ length: 30 }, () => ev());
    const file = writeInput(dir, jsonl(events) + 'oops\n');
    const seen: LoadProgress[] = [];
    const rejectsPath = `${dir}/custom-${t().kind}.jsonl`;
    const before = await countEvents(t().db);
    const r = await loadSource(t().db, file, { batchSize: 10, rejectsPath, onProgress: (p) => seen.push(p) });
    expect(r).toMatchObject({ lines: 31, inserted: 30, rejected: 1, rejectsFile: rejectsPath });
    expect(fs.existsSync(`${file}.rejects.jsonl`)).toBe(false);
    expect(readRejects(rejectsPath)).toHaveLength(1);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ lines: 31, inserted: 30, rejected: 1, bytesRead: fs.statSync(file).size, totalBytes: fs.statSync(file).size });
    expect(await countEvents(t().db)).toBe(before + 30);
  });

  it('leaves the table vacuumed and analyzed after inserting, and says so in its progress', async () => {
    const state = async () =>
      (
        await t().db.query<{ tuples: number; pages: number; visible: number; rows: number }>(
          `select c.reltuples::int as tuples, c.relpages as pages, c.relallvisible as visible, (select count(*)::int from events) as rows
             from pg_class c where c.oid = 'events'::regclass`,
        )
      ).rows[0]!;
    const seen: LoadProgress[] = [];
    const r = await loadSource(t().db, writeInput(dir, jsonl(Array.from({ length: 40 }, () => ev()))), { onProgress: (p) => seen.push(p) });
    expect(r.inserted).toBe(40);
    const s = await state();
    // ANALYZE counted the rows for the planner; VACUUM marked every page all-visible (index-only scans skip the heap)
    expect(s.tuples).toBe(s.rows);
    expect(s.pages).toBeGreaterThan(0);
    expect(s.visible).toBe(s.pages);
    expect(seen.at(-2)).toMatchObject({ stage: 'analyzing', inserted: 40 });
    expect(seen.at(-1)!.stage).toBeUndefined();
    // a load that inserts nothing has nothing to refresh
    const none: LoadProgress[] = [];
    await loadSource(t().db, writeInput(dir, 'not json\n'), { onProgress: (p) => none.push(p) });
    expect(none.some((p) => p.stage === 'analyzing')).toBe(false);
  });

  it('writes no rejects file when every line is good, and names a missing source', async () => {
    const file = writeInput(dir, jsonl([ev()]));
    const r = await loadSource(t().db, file);
    expect(r.rejectsFile).toBeNull();
    expect(fs.existsSync(`${file}.rejects.jsonl`)).toBe(false);
    await expect(loadSource(t().db, `${dir}/nope.jsonl`)).rejects.toThrow(`no such file or fixture: ${dir}/nope.jsonl`);
  });

  it('loads a fixture by name, writing its rejects file in the working directory', async () => {
    const r = await loadSource(t().db, 'churn-demo');
    expect(r).toMatchObject({ lines: 18, inserted: 18, rejected: 0, rejectsFile: null });
    const seg = await t().db.query<{ user_id: string; days: number }>(`
      with last as (select user_id, (max(event_time) at time zone 'UTC')::date as d from events where user_id in ('alice','bob','carol','dave') group by user_id)
      select user_id, (select max(d) from last) - d as days from last order by user_id`);
    expect(seg.rows).toEqual([
      { user_id: 'alice', days: 0 },
      { user_id: 'bob', days: 10 },
      { user_id: 'carol', days: 20 },
      { user_id: 'dave', days: 45 },
    ]);
  });
});

const idA: Record<number, string> = { 100: 'aaaaaaaa-0000-4000-8000-000000000100', 1: 'aaaaaaaa-0000-4000-8000-000000000001' };
const idB: Record<number, string> = { 100: 'bbbbbbbb-0000-4000-8000-000000000100', 1: 'bbbbbbbb-0000-4000-8000-000000000001' };
