import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { loadSource } from '../../src/ingest/load.js';
import { describeEachDb } from '../helpers/db.js';
import { ev, jsonl, readRejects, scratchDir, stored, writeInput } from './helpers.js';

const dir = scratchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * After a batch that was mostly stored already, the writer classifies each
 * line before inserting (src/ingest/batch-sql.ts CLASSIFY_SQL). Its outcomes
 * must be exactly those of the insert-first path: the same counts, the same
 * conflicts with the same reasons, nothing stored twice or overwritten.
 */
describeEachDb('writer, classify-first batches', (t) => {
  it('mixes duplicates, conflicts, new lines and ids repeated within a batch', async () => {
    const old = Array.from({ length: 8 }, (_, i) => ev({ user_id: `u${i}`, properties: { i } }));
    await loadSource(t().db, writeInput(dir, jsonl(old)));
    const before = await stored(t().db);

    const fresh = [ev({ user_id: 'n0' }), ev({ user_id: 'n1' }), ev({ user_id: 'n2' })];
    const lines = [
      // batch 1 (insert-first): all duplicates, so the next batches classify first
      old[0], old[1], old[2], old[3],
      // batch 2: duplicate, conflict on user_id, new, duplicate
      old[4], { ...old[5]!, user_id: 'changed' }, fresh[0], old[7],
      // batch 3: a new id twice (the second changed: conflict with the first), an exact repeat of it, and a conflict on time + properties
      fresh[2], { ...fresh[2]!, event_name: 'other' }, fresh[2], { ...old[6]!, event_time: '2025-01-02T00:00:00Z', properties: { i: 'six' } },
      // batch 4: duplicate of a line inserted two batches earlier, and a new one
      fresh[0], fresh[1],
    ];
    const r = await loadSource(t().db, writeInput(dir, jsonl(lines)), { batchSize: 4 });
    expect(r).toMatchObject({ lines: 14, inserted: 3, duplicates: 8, conflicts: 3, rejected: 0 });
    expect(readRejects(r.rejectsFile!)).toEqual([
      { line: 6, outcome: 'conflict', reason: 'event_id already stored with a different user_id', raw: JSON.stringify(lines[5]) },
      { line: 10, outcome: 'conflict', reason: 'event_id already stored with a different event_name', raw: JSON.stringify(lines[9]) },
      { line: 12, outcome: 'conflict', reason: 'event_id already stored with a different event_time, properties', raw: JSON.stringify(lines[11]) },
    ]);
    const after = await stored(t().db);
    expect(after).toHaveLength(11);
    // The stored rows are untouched; the new ones are as first seen.
    for (const row of before) expect(after).toContainEqual(row);
    expect(after.find((x) => x.event_id === fresh[2]!.event_id)?.event_name).toBe('page_view');

    // A reload of the same lines: everything stored now, the conflicts stay conflicts.
    const again = await loadSource(t().db, writeInput(dir, jsonl(lines)), { batchSize: 4 });
    expect(again).toMatchObject({ lines: 14, inserted: 0, duplicates: 11, conflicts: 3, rejected: 0 });
    expect(await stored(t().db)).toEqual(after);
  });
});
