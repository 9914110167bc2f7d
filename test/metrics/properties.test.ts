import { beforeAll, expect, it } from 'vitest';
import { eventNames, eventProperties, userProperties, valueText } from '../../src/metrics/properties.js';
import { describeEachDb } from '../helpers/db.js';
import { insertEvents } from '../tui/helpers.js';
import { PROPERTY_EVENTS } from './property-events.js';

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

  it('user properties read at most maxUsers users, the first by user_id, and say so', async () => {
    const u = await userProperties(t().db, { tz: 'UTC' }, { maxUsers: 2 });
    expect(u).toMatchObject({ read: 2, capped: true });
    // a1 and a2: pro both
    expect(pairs(u.keys[0])).toEqual([['pro', 2]]);
  });

  it('user properties stop at as_of: a signup after it is not seen', async () => {
    const u = await userProperties(t().db, { tz: 'UTC', as_of: '2025-03-11' });
    expect(u.read).toBe(3);
    expect(pairs(u.keys[0])).toEqual([['pro', 2], ['free', 1]]);
  });

  it('user properties: of two signups at the same instant, the one with the smaller event_id (SPEC §5)', async () => {
    // signups named `registered`, before every other event, so the other cases do not see them;
    // the larger event_id goes in first for r1 and second for r2, so neither the order of
    // insertion nor of the heap can pass for the rule
    const signups: [string, string, string][] = [
      ['r1', 'f0000000-0000-4000-8000-000000000001', 'team'],
      ['r1', '10000000-0000-4000-8000-000000000001', 'solo'],
      ['r2', '10000000-0000-4000-8000-000000000002', 'solo'],
      ['r2', 'f0000000-0000-4000-8000-000000000002', 'team'],
    ];
    for (const [user, id, plan] of signups) {
      await t().db.query(`insert into events (event_id, event_name, event_time, user_id, properties) values ($1, 'registered', '2025-01-10T10:00:00Z', $2, $3)`, [id, user, JSON.stringify({ plan })]);
    }
    const u = await userProperties(t().db, { tz: 'UTC', signup_event: 'registered' });
    expect(u.read).toBe(2);
    expect(pairs(u.keys[0])).toEqual([['solo', 2]]);
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
    expect(await eventNames(t().db, { tz: 'UTC' })).toEqual({
      names: [
        { name: 'signup', events: 5 },
        { name: 'page_view', events: 4 },
        { name: 'purchase', events: 1 },
      ],
      read: 10,
      capped: false,
    });
    const wider = await eventNames(t().db, { tz: 'UTC', from: '2025-02-01' });
    expect(wider.names.find((n) => n.name === 'page_view')?.events).toBe(5);
    // the newest 4: 03-31 page_view, 03-15 and 03-12 signups, 03-11 page_view
    expect(await eventNames(t().db, { tz: 'UTC' }, { maxNames: 4 })).toEqual({ names: [{ name: 'page_view', events: 2 }, { name: 'signup', events: 2 }], read: 4, capped: true });
  });

  it('an empty window offers nothing', async () => {
    expect((await eventNames(t().db, { tz: 'UTC', from: '2024-01-01', to: '2024-01-31' })).names).toEqual([]);
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
