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

/**
 * SPEC §4: user_id is a string, or an integer stored as its decimal string.
 * The integer is read from the line's text, never through a double, so ids
 * past 2^53 keep every digit and two that differ there are two users.
 */
describeEachDb('integer user_ids as sent', (t) => {
  const ev = (id: string, user: string) => `{"event_id":"${id}","event_name":"visit","event_time":"2025-01-01T10:00:00Z","user_id":${user}}`;
  const users = ['12345678901234567890', '12345678901234567891', '9007199254740993', '-9223372036854775809', '-5', '0', '9'.repeat(256)];
  const ids = users.map(() => nextId());
  const stored = async (id: string) => (await t().db.query<{ u: string }>('select user_id as u from events where event_id = $1', [id])).rows[0]?.u;

  it('stores every integer as its decimal text, -0 as 0; rejects 1e3, 1.0 and 257 digits with their line', async () => {
    const minusZero = nextId();
    const refused = ['1e3', '1.0', '12345678901234567890.0', '1E+20', '9'.repeat(257)];
    const text = [...users.map((u, i) => ev(ids[i]!, u)), ev(minusZero, '-0'), ...refused.map((u) => ev(nextId(), u))].join('\n') + '\n';
    const r = await loadSource(t().db, writeInput(dir, text));
    expect(r).toMatchObject({ lines: users.length + 1 + refused.length, inserted: users.length + 1, rejected: refused.length });
    for (const [i, u] of users.entries()) expect(await stored(ids[i]!), u.slice(0, 30)).toBe(u);
    expect(await stored(minusZero)).toBe('0');
    expect(readRejects(r.rejectsFile!).map((x) => [x.line - users.length - 1, x.reason])).toEqual([
      [1, 'user_id must be a string or an integer; 1e3 has a fraction or an exponent'],
      [2, 'user_id must be a string or an integer; 1.0 has a fraction or an exponent'],
      [3, 'user_id must be a string or an integer; 12345678901234567890.0 has a fraction or an exponent'],
      [4, 'user_id must be a string or an integer; 1E+20 has a fraction or an exponent'],
      [5, 'user_id is longer than 256 characters'],
    ]);
    // two ids that differ past 2^53 are two users to every metric
    const n = await t().db.query<{ n: number }>(`select count(distinct user_id)::int as n from events where user_id like '1234567890123456789_'`);
    expect(n.rows[0]!.n).toBe(2);
  });

  it('judges duplicates and conflicts on every digit of the id: ...891 is not ...890, 42 is "42"', async () => {
    const before = (await t().db.query('select event_id, user_id from events order by 1')).rows;
    const again = [
      ev(ids[0]!, '12345678901234567891'), // conflict: a different user, past 2^53
      ev(ids[0]!, '"12345678901234567890"'), // duplicate: the same decimal string
      ev(ids[2]!, '9007199254740992'), // conflict: a double would have made them equal
      ev(ids[1]!, '12345678901234567891'), // duplicate
    ];
    const r = await loadSource(t().db, writeInput(dir, again.join('\n')));
    expect(r).toMatchObject({ lines: 4, inserted: 0, duplicates: 2, conflicts: 2, rejected: 0 });
    expect(readRejects(r.rejectsFile!).map((x) => [x.line, x.reason])).toEqual([
      [1, 'event_id already stored with a different user_id'],
      [3, 'event_id already stored with a different user_id'],
    ]);
    expect((await t().db.query('select event_id, user_id from events order by 1')).rows).toEqual(before);
  });

  it('derives two ids for two events that differ only past 2^53 in user_id', async () => {
    const derived = (u: string) => `{"event_name":"derived","event_time":"2025-01-02T10:00:00Z","user_id":${u}}`;
    const r = await loadSource(t().db, writeInput(dir, [derived('12345678901234567890'), derived('12345678901234567891'), derived('"12345678901234567890"')].join('\n')), { deriveIds: true });
    expect(r).toMatchObject({ lines: 3, inserted: 2, duplicates: 1, conflicts: 0, rejected: 0 });
    const got = await t().db.query<{ u: string }>(`select user_id as u from events where event_name = 'derived' order by 1`);
    expect(got.rows.map((x) => x.u)).toEqual(['12345678901234567890', '12345678901234567891']);
  });
});
