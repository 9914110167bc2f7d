import { describe, expect, it } from 'vitest';
import { makeContract } from '../../src/ingest/contract.js';

/**
 * The fast path of src/ingest/fast.ts may only accept what zod accepts, with
 * the same stored values; everything else must fall through to zod. Every
 * variant below is judged twice, with and without the fast path, and the two
 * verdicts must be equal.
 */
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const base = { event_id: '8313c038-d7b2-47cd-a509-d5f4551e2889', event_name: 'signup', event_time: '2025-01-01T00:00:45.408Z', user_id: 'u1', properties: { plan: 'trial' } };

const times = [
  '2025-01-01T00:00:45.408Z', '2025-01-01T00:00:45Z', '2025-01-01T00:00:45.1234567Z', '2025-01-01T00:00:45.123456789Z', '2025-01-01T00:00:45.Z',
  '2024-02-29T23:59:59Z', '2025-02-29T00:00:00Z', '2025-04-31T00:00:00Z', '2025-13-01T00:00:00Z', '2025-00-10T00:00:00Z', '2025-01-00T00:00:00Z',
  '2025-01-01T24:00:00Z', '2025-01-01T23:60:00Z', '2025-01-01T23:59:60Z', '1970-01-01T00:00:00Z', '1969-12-31T23:59:59.999Z', '0075-01-01T00:00:00Z',
  '2100-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '2025-01-01t00:00:00z', '2025-01-01 00:00:00Z', '2025-01-01T00:00Z', '2025-01-01T05:30:00+05:30',
  '2025-01-01T00:00:00,5Z', '2025-01-01T00:00:00', '2025-01-01', '', ' 2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z ',
  new Date(NOW + 86_400_000).toISOString(), new Date(NOW + 86_400_001).toISOString(), '2026-01-16T12:00:00.000000Z', '2026-01-16T12:00:00.000001Z',
  '2026-01-16T11:59:59.999999Z', '2026-01-16T12:00:00.0000009Z',
];
const names = ['signup', '  signup ', '', '   ', 'a'.repeat(128), 'a'.repeat(129), ' ' + 'a'.repeat(128) + ' ', '😀'.repeat(64), '😀'.repeat(129), 'a\tb', 'a\u0085b', '\ud800x', 'x\udc00', 'café', 5, null, '\u00a0name\ufeff'];
const users = ['u1', '', ' ', 'u'.repeat(256), 'u'.repeat(257), '😀'.repeat(200), 'a\u0000', '\ud800', ' padded ', 42, -0, 1.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53 - 1), true, null, '0'];
const props: unknown[] = [
  undefined, {}, { a: 1 }, { a: { b: [1, 'x', null] } }, null, [1], 'x', 3, { a: 'x\u0000' }, { 'k\u0000': 1 }, { a: '\\u0000' }, { a: '\ud800' }, { a: '😀' },
  { a: '\\ud800' }, { big: 'x'.repeat(32 * 1024 - 10) }, { big: 'x'.repeat(32 * 1024) }, { big: 'é'.repeat(16 * 1024 - 6) }, { big: 'é'.repeat(16 * 1024) },
];
const ids = ['8313c038-d7b2-47cd-a509-d5f4551e2889', '8313C038-D7B2-47CD-A509-D5F4551E2889', '8313c038d7b247cda509d5f4551e2889', 'x', 5, '{8313c038-d7b2-47cd-a509-d5f4551e2889}'];

function variants(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const put = (over: Record<string, unknown>) => {
    const v: Record<string, unknown> = { ...base, ...over };
    for (const k of Object.keys(v)) if (v[k] === undefined) delete v[k];
    out.push(v);
  };
  for (const event_time of times) put({ event_time });
  for (const event_name of names) put({ event_name });
  for (const user_id of users) put({ user_id });
  for (const properties of props) put({ properties });
  for (const event_id of ids) put({ event_id });
  for (const k of Object.keys(base)) put({ [k]: undefined });
  put({ extra: 1 });
  put({ ingested_at: '2025-01-01T00:00:00Z' });
  put({ __proto__x: 1 });
  out.push(JSON.parse('{"__proto__": 1, "event_id": "8313c038-d7b2-47cd-a509-d5f4551e2889", "event_name": "a", "event_time": "2025-01-01T00:00:00Z", "user_id": "u"}'));
  return out;
}

describe('contract fast path', () => {
  for (const deriveIds of [false, true]) {
    it(`agrees with zod on every variant${deriveIds ? ' (--derive-ids)' : ''}`, () => {
      const fast = makeContract({ now: NOW, deriveIds });
      const zod = makeContract({ now: NOW, deriveIds, zodOnly: true });
      let accepted = 0;
      for (const v of variants()) {
        const value = deriveIds ? { ...v, event_id: undefined } : v;
        if (deriveIds) delete value.event_id;
        const a = fast(value);
        expect(a, JSON.stringify(value)).toEqual(zod(value));
        if (a.ok) accepted++;
      }
      // Both outcomes are exercised.
      expect(accepted).toBeGreaterThan(30);
    });
  }

  it('rejects properties nested too deeply to walk, rather than failing the load', () => {
    const deep = JSON.parse(`{"a":${'['.repeat(20000)}${']'.repeat(20000)}}`) as unknown;
    for (const zodOnly of [false, true]) {
      expect(makeContract({ now: NOW, zodOnly })({ ...base, properties: deep })).toEqual({ ok: false, reason: 'properties is nested too deeply' });
    }
  });
});
