import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { loadSource } from '../../src/ingest/load.js';
import { describeEachDb } from '../helpers/db.js';
import { nextId, readRejects, scratchDir, writeInput } from './helpers.js';

/**
 * What is sent is what is stored: properties reach jsonb as the line's own
 * text, so the stored value is whatever PostgreSQL itself makes of that text,
 * and duplicates and conflicts are judged on every digit.
 */
const dir = scratchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const line = (id: string, props: string) => `{"event_id":"${id}","event_name":"purchase","event_time":"2025-01-01T10:00:00Z","user_id":"u1","properties":${props}}`;

describeEachDb('numbers as sent', (t) => {
  const kept = [
    '{"order_id": 12345678901234567890}',
    '{"snowflake":1541815603606036480}',
    '{"n":-9007199254740993}',
    '{"price":1.50,"list":[1.50, 2.0e0, 1E+2]}',
    '{"x":0.30000000000000001,"y":1.7976931348623157e308,"z":5e-324}',
  ];
  const ids = kept.map(() => nextId());

  it('stores ids above 2^53 and 1.50 as PostgreSQL makes of the raw text; rejects 1e400 and 1e-400 with their line', async () => {
    const refused = ['{"x":1e400}', '{"x":1e-400}'];
    const text = [...kept.map((p, i) => line(ids[i]!, p)), ...refused.map((p) => line(nextId(), p))].join('\n') + '\n';
    const r = await loadSource(t().db, writeInput(dir, text));
    expect(r).toMatchObject({ lines: 7, inserted: 5, rejected: 2 });
    for (const [i, p] of kept.entries()) {
      const got = await t().db.query<{ stored: string; pg: string }>('select properties::text as stored, $2::jsonb::text as pg from events where event_id = $1', [ids[i], p]);
      expect(got.rows[0]!.stored).toBe(got.rows[0]!.pg);
    }
    const snow = await t().db.query<{ v: string }>(`select properties->>'snowflake' as v from events where event_id = $1`, [ids[1]]);
    expect(snow.rows[0]!.v).toBe('1541815603606036480');
    expect(readRejects(r.rejectsFile!).map((x) => [x.line, x.reason.split(':')[0]])).toEqual([
      [6, 'properties holds a number out of range'],
      [7, 'properties holds a number out of range'],
    ]);
  });

  it('judges duplicates and conflicts on every digit: 1.5 is 1.50, ...891 is not ...890', async () => {
    const again = [
      line(ids[0]!, '{"order_id":12345678901234567891}'),
      line(ids[0]!.toUpperCase(), '{"order_id":12345678901234567890.0}'),
      line(ids[1]!, '{"snowflake":1541815603606036500}'),
      line(ids[2]!, '{"n":-9007199254740992}'),
      line(ids[3]!, '{"list":[1.5, 2, 100],"price":1.5}'),
    ];
    const before = (await t().db.query('select event_id, properties::text from events order by 1')).rows;
    const r = await loadSource(t().db, writeInput(dir, again.join('\n')));
    expect(r).toMatchObject({ lines: 5, inserted: 0, duplicates: 2, conflicts: 3, rejected: 0 });
    expect(readRejects(r.rejectsFile!).map((x) => [x.line, x.reason])).toEqual([
      [1, 'event_id already stored with a different properties'],
      [3, 'event_id already stored with a different properties'],
      [4, 'event_id already stored with a different properties'],
    ]);
    expect((await t().db.query('select event_id, properties::text from events order by 1')).rows).toEqual(before);
  });

  it('an event in year 0099 is rejected, not stored as 1999', async () => {
    const id = nextId();
    const r = await loadSource(t().db, writeInput(dir, `{"event_id":"${id}","event_name":"a","event_time":"0099-06-01T00:00:00Z","user_id":"u"}\n`));
    expect(r).toMatchObject({ lines: 1, inserted: 0, rejected: 1 });
    expect(readRejects(r.rejectsFile!)[0]!.reason).toBe('event_time is before 1970-01-01');
    expect((await t().db.query('select 1 from events where event_id = $1', [id])).rows).toEqual([]);
  });

  it('rejects a line with a key given twice and one nested 7,000 levels deep, and loads the rest', async () => {
    const good = nextId();
    const lines = [
      `{"event_id":"${nextId()}","event_name":"a","event_time":"2025-01-01T10:00:00Z","user_id":"u1","user_id":"u2"}`,
      line(nextId(), `{"a":${'['.repeat(7000)}${']'.repeat(7000)}}`),
      line(good, '{"ok":true}'),
    ];
    const r = await loadSource(t().db, writeInput(dir, lines.join('\n')));
    expect(r).toMatchObject({ lines: 3, inserted: 1, rejected: 2 });
    expect(readRejects(r.rejectsFile!).map((x) => [x.line, x.reason])).toEqual([
      [1, 'key "user_id" is given twice'],
      [2, 'properties is nested deeper than 64 levels'],
    ]);
  });
});
