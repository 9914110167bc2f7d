import { beforeAll, expect, it } from 'vitest';
import { eventNames, eventProperties, userProperties, valueText } from '../../src/metrics/properties.js';
import { describeEachDb } from '../helpers/db.js';
import { insertEvents } from '../tui/helpers.js';

/**
 * What the pickers offer, against hand-made events with known counts. The
 * default window is 2025-03-02 → 2025-03-31 (the newest event's day).
 *   a1 signup {plan pro, seats 3, beta true}; page_view /home; purchase
 *   a2 signup {plan pro}; page_view /home (and one on 02-01, before the window)
 *   a3 signup {plan free, seats "3"}; page_view /pricing
 *   a4 signup {plan free, nested {...}} on 03-12, a later signup {plan pro} that is not theirs
 *   a5 no signup; page_view /home on 03-31
 */
export const PROPERTY_EVENTS: [string, string, string, Record<string, unknown>][] = [
  ['a1', 'signup', '2025-03-02T10:00:00Z', { plan: 'pro', seats: 3, beta: true }],
  ['a1', 'page_view', '2025-03-03T10:00:00Z', { path: '/home' }],
  ['a1', 'purchase', '2025-03-04T10:00:00Z', { amount: 10, path: '/checkout' }],
  ['a2', 'signup', '2025-03-05T10:00:00Z', { plan: 'pro' }],
  ['a2', 'page_view', '2025-03-06T10:00:00Z', { path: '/home' }],
  ['a3', 'signup', '2025-03-10T10:00:00Z', { plan: 'free', seats: '3' }],
  ['a3', 'page_view', '2025-03-11T10:00:00Z', { path: '/pricing' }],
  ['a4', 'signup', '2025-03-12T10:00:00Z', { plan: 'free', nested: { x: 1 } }],
  ['a4', 'signup', '2025-03-15T10:00:00Z', { plan: 'pro' }],
  ['a5', 'page_view', '2025-03-31T10:00:00Z', { path: '/home' }],
  ['a2', 'page_view', '2025-02-01T10:00:00Z', { path: '/old' }],
];

const pairs = (k: { values: { text: string; count: number }[] } | undefined) => k?.values.map((v) => [v.text, v.count]);

describeEachDb('picker data', (t) => {
  beforeAll(async () => insertEvents(t().db, PROPERTY_EVENTS));

  it('user properties: each user’s earliest signup, users per key and value, scalars only, the most frequent first', async () => {
    const u = await userProperties(t().db, { tz: 'UTC' });
    expect(u.read).toBe(4);
    expect(u.capped).toBe(false);
    expect(u.keys.map((k) => [k.key, k.count, k.distinct])).toEqual([['plan', 4, 2], ['seats', 2, 2], ['beta', 1, 1]]);
    // a4's later signup (pro) is not theirs: 2 and 2; ties by value
    expect(pairs(u.keys[0])).toEqual([['free', 2], ['pro', 2]]);
    // the text "3" reads back as a string only quoted; the number bare
    expect(pairs(u.keys[1])).toEqual([['"3"', 1], ['3', 1]]);
    expect(u.keys[1]!.values.map((v) => v.value)).toEqual(['3', 3]);
    expect(pairs(u.keys[2])).toEqual([['true', 1]]);
  });

  it('user properties stop at as_of: a signup after it is not seen', async () => {
    const u = await userProperties(t().db, { tz: 'UTC', as_of: '2025-03-11' });
    expect(u.read).toBe(3);
    expect(pairs(u.keys[0])).toEqual([['pro', 2], ['free', 1]]);
  });

  it('event properties: the window’s events (signups included), events per key and value; capped at the newest events', async () => {
    const e = await eventProperties(t().db, { tz: 'UTC' });
    expect(e.read).toBe(10);
    expect(e.capped).toBe(false);
    expect(e.keys.map((k) => [k.key, k.count, k.distinct])).toEqual([['path', 5, 3], ['plan', 5, 2], ['seats', 2, 2], ['amount', 1, 1], ['beta', 1, 1]]);
    expect(pairs(e.keys[0])).toEqual([['/home', 3], ['/checkout', 1], ['/pricing', 1]]);
    expect(pairs(e.keys[1])).toEqual([['pro', 3], ['free', 2]]);

    const newest = await eventProperties(t().db, { tz: 'UTC' }, { maxEvents: 3, valuesPerKey: 1 });
    expect(newest.read).toBe(3);
    expect(newest.capped).toBe(true);
    // events 03-31 (/home), 03-15 (pro), 03-12 (free): plan's top value only, of its 2
    expect(newest.keys.map((k) => [k.key, k.count, k.distinct, pairs(k)])).toEqual([['plan', 2, 2, [['free', 1]]], ['path', 1, 1, [['/home', 1]]]]);
  });

  it('event names: events in the window, the most frequent first', async () => {
    expect(await eventNames(t().db, { tz: 'UTC' })).toEqual([
      { name: 'signup', events: 5 },
      { name: 'page_view', events: 4 },
      { name: 'purchase', events: 1 },
    ]);
    const wider = await eventNames(t().db, { tz: 'UTC', from: '2025-02-01' });
    expect(wider.find((n) => n.name === 'page_view')?.events).toBe(5);
  });

  it('an empty window offers nothing', async () => {
    expect(await eventNames(t().db, { tz: 'UTC', from: '2024-01-01', to: '2024-01-31' })).toEqual([]);
    expect((await eventProperties(t().db, { tz: 'UTC', from: '2024-01-01', to: '2024-01-31' })).keys).toEqual([]);
  });
});

it('values read as the flag reads them', () => {
  expect(valueText('pro')).toBe('pro');
  expect(valueText('3')).toBe('"3"');
  expect(valueText(3)).toBe('3');
  expect(valueText(false)).toBe('false');
  expect(valueText(null)).toBe('null');
});
