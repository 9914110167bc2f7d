import { afterAll, expect, it } from 'vitest';
import fs from 'node:fs';
import { loadSource } from '../../src/ingest/load.js';
import { describeEachDb } from '../helpers/db.js';
import { ev, readRejects, scratchDir, writeInput } from './helpers.js';

const dir = scratchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const soon = new Date(Date.now() + 23 * 3600_000).toISOString();
const tooLate = new Date(Date.now() + 25 * 3600_000).toISOString();
const big = 'x'.repeat(33 * 1024);

// [case, overrides (undefined removes the field), expected rejection reason]
const rejected: [string, Record<string, unknown>, string][] = [
  ['event_id missing', { event_id: undefined }, 'event_id is missing'],
  ['event_id not a UUID', { event_id: 'abc' }, 'event_id is not a UUID'],
  ['event_id a number', { event_id: 123 }, 'event_id must be a string'],
  ['event_id UUID without hyphens', { event_id: '0190b1c2d3e47f0a8b1c2d3e4f5a6b7c' }, 'event_id is not a UUID'],
  ['event_name missing', { event_name: undefined }, 'event_name is missing'],
  ['event_name blank', { event_name: '   ' }, 'event_name is empty'],
  ['event_name 129 chars', { event_name: 'a'.repeat(129) }, 'event_name is longer than 128 characters'],
  ['event_name control char', { event_name: 'a\tb' }, 'event_name contains a control character'],
  ['event_name NUL', { event_name: 'a\u0000b' }, 'event_name contains a control character'],
  ['event_name not a string', { event_name: 5 }, 'event_name must be a string'],
  ['event_time missing', { event_time: undefined }, 'event_time is missing'],
  ['event_time zoneless', { event_time: '2025-01-01T10:00:00' }, 'event_time has no time zone offset'],
  ['event_time date only', { event_time: '2025-01-01' }, 'event_time is a date without a time and zone'],
  ['event_time not ISO', { event_time: 'yesterday' }, 'event_time is not an ISO-8601 timestamp'],
  ['event_time impossible date', { event_time: '2025-02-30T00:00:00Z' }, 'event_time is not a valid date and time'],
  ['event_time before 1970', { event_time: '1969-12-31T23:59:59Z' }, 'event_time is before 1970-01-01'],
  ['event_time before 1970 by offset', { event_time: '1970-01-01T00:30:00+01:00' }, 'event_time is before 1970-01-01'],
  ['event_time > now + 24h', { event_time: tooLate }, 'event_time is more than 24 hours in the future'],
  ['event_time a number', { event_time: 1735725600 }, 'event_time must be a string'],
  ['user_id missing', { user_id: undefined }, 'user_id is missing'],
  ['user_id empty', { user_id: '' }, 'user_id is empty'],
  ['user_id 257 chars', { user_id: 'u'.repeat(257) }, 'user_id is longer than 256 characters'],
  ['user_id fraction', { user_id: 1.5 }, 'user_id must be a string or an integer; 1.5 has a fraction or an exponent'],
  ['user_id boolean', { user_id: true }, 'user_id must be a string or an integer'],
  ['user_id null', { user_id: null }, 'user_id must be a string or an integer'],
  ['user_id NUL', { user_id: 'a\u0000' }, 'user_id contains \\u0000'],
  ['properties null', { properties: null }, 'properties must be an object, not null'],
  ['properties array', { properties: [1] }, 'properties must be an object, not an array'],
  ['properties string', { properties: 'x' }, 'properties must be an object, not a string'],
  ['properties > 32 KiB', { properties: { big } }, 'properties is larger than 32 KiB as JSON'],
  ['properties NUL in value', { properties: { a: 'x\u0000' } }, 'properties contains \\u0000'],
  ['properties NUL in key', { properties: { 'k\u0000': 1 } }, 'properties contains \\u0000'],
  ['properties NUL nested', { properties: { a: { b: ['\u0000'] } } }, 'properties contains \\u0000'],
  ['properties lone surrogate', { properties: { a: '\ud800' } }, 'properties contains an unpaired surrogate'],
  ['unknown field', { foo: 1 }, 'unknown field "foo"'],
  ['ingested_at sent', { ingested_at: '2025-01-01T00:00:00Z' }, 'ingested_at is set by the database; remove it'],
];

// [case, overrides, what is stored for the fields it changes]
const accepted: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ['upper-case UUID stored lowercase', { event_id: 'ABCDEF00-0000-1000-8000-00000000000A' }, { event_id: 'abcdef00-0000-1000-8000-00000000000a' }],
  ['UUIDv7', { event_id: '0190b1c2-d3e4-7f0a-8b1c-2d3e4f5a6b7c' }, { event_id: '0190b1c2-d3e4-7f0a-8b1c-2d3e4f5a6b7c' }],
  ['event_name trimmed', { event_name: '  signup  ' }, { event_name: 'signup' }],
  ['event_name 128 emoji', { event_name: '😀'.repeat(128) }, { event_name: '😀'.repeat(128) }],
  ['event_time with offset', { event_time: '2025-01-01T12:00:00+05:30' }, { event_time: '2025-01-01T06:30:00.000Z' }],
  ['event_time compact offset', { event_time: '2025-01-01T12:00:00-0200' }, { event_time: '2025-01-01T14:00:00.000Z' }],
  ['event_time fraction', { event_time: '2025-01-01T10:00:00.123456Z' }, { event_time: '2025-01-01T10:00:00.123Z' }],
  ['event_time epoch', { event_time: '1970-01-01T00:00:00Z' }, { event_time: '1970-01-01T00:00:00.000Z' }],
  ['event_time now + 23h', { event_time: soon }, {}],
  ['user_id integer', { user_id: 42 }, { user_id: '42' }],
  // JSON.stringify writes 2^60 as 1152921504606847000: the line's digits are what is stored
  ['user_id integer beyond 2^53', { user_id: 2 ** 60 }, { user_id: '1152921504606847000' }],
  ['user_id negative integer', { user_id: -5 }, { user_id: '-5' }],
  ['user_id 256 chars', { user_id: 'u'.repeat(256) }, { user_id: 'u'.repeat(256) }],
  ['properties absent', { properties: undefined }, { properties: {} }],
  ['properties nested', { properties: { a: { b: [1, 'x\\y'] }, t: 'tab\there' } }, { properties: { a: { b: [1, 'x\\y'] }, t: 'tab\there' } }],
];

describeEachDb('event contract', (t) => {
  it('rejects every rule break with its reason, line by line', async () => {
    const lines = rejected.map(([, o]) => ev(o));
    const file = writeInput(dir, lines.map((l) => JSON.stringify(l)).join('\n') + '\n[1]\n"x"\n');
    const r = await loadSource(t().db, file);
    expect(r).toMatchObject({ lines: rejected.length + 2, inserted: 0, rejected: rejected.length + 2, conflicts: 0, duplicates: 0 });
    const got = readRejects(r.rejectsFile!);
    expect(got.map((g) => [g.line, g.reason])).toEqual([
      ...rejected.map(([, , reason], i) => [i + 1, reason]),
      [rejected.length + 1, 'not a JSON object (an array)'],
      [rejected.length + 2, 'not a JSON object (string)'],
    ]);
    expect(got.every((g) => g.outcome === 'rejected')).toBe(true);
  });

  it('accepts every valid form and stores it normalised', async () => {
    const lines = accepted.map(([, o]) => ev(o));
    const file = writeInput(dir, lines.map((l) => JSON.stringify(l)).join('\n'));
    const r = await loadSource(t().db, file);
    expect(r).toMatchObject({ lines: accepted.length, inserted: accepted.length, rejected: 0, rejectsFile: null });
    for (const [i, [, , want]] of accepted.entries()) {
      const id = String(want.event_id ?? lines[i]!.event_id);
      const row = await t().db.query<Record<string, unknown>>(
        'select event_id::text, event_name, event_time, user_id, properties from events where event_id = $1',
        [id],
      );
      expect(row.rows).toHaveLength(1);
      const got = { ...row.rows[0]!, event_time: (row.rows[0]!.event_time as Date).toISOString() };
      expect(got).toMatchObject(want);
    }
  });
});

