import type { Db, QueryResult } from '../db/types.js';
import { applyReportingSettings } from './settings.js';
import type { MetricInput } from './types.js';

/**
 * What the UI's pickers offer, read from the data with counts: the user
 * properties (those of each user's signup event, SPEC §5) for --segment and
 * --by, the event properties for --where, and the event names for a funnel's
 * steps. The window and cuts are evtui_params's, as in every metric file.
 *
 * Speed on 1M–10M events: user properties read the signup events of at
 * most `maxUsers` users (the first by user_id, in the order of the
 * event_name index, so the read stops there); event properties read at most
 * the newest `maxEvents` events of the window, event names the newest
 * `maxNames` (their names alone, from the event_time index); each says when
 * it was capped. Each
 * key keeps its top `valuesPerKey` values by count, with the number of values
 * it has. They run with the metrics' settings (settings.ts).
 */
export interface PropertyValue {
  /** The JSON scalar, as --segment/--where take it. */
  value: unknown;
  /** Strings unquoted, other scalars as JSON (valueText). */
  text: string;
  /** Users (user properties) or events (event properties) holding it. */
  count: number;
}

export interface PropertyKey {
  key: string;
  /** Users or events that hold the key with a scalar value. */
  count: number;
  /** How many distinct values the key has; `values` holds the top ones. */
  distinct: number;
  values: PropertyValue[];
}

export interface PropertyList {
  keys: PropertyKey[];
  /** Users (signups) or events read. */
  read: number;
  /** True when the read stopped at maxUsers users or the newest maxEvents events of the window. */
  capped: boolean;
}

export interface EventNameCount {
  name: string;
  events: number;
}

export interface EventNameList {
  names: EventNameCount[];
  /** Events read. */
  read: number;
  /** True when the read stopped at the newest maxNames events of the window. */
  capped: boolean;
}

export const VALUES_PER_KEY = 20;
export const MAX_EVENTS = 100_000;
export const MAX_USERS = 50_000;
export const MAX_NAMES = 500_000;

/** One read-only query with the settings a metric runs with. */
function read<T>(db: Db, sql: string, args: readonly unknown[]): Promise<QueryResult<T>> {
  return db.transaction(
    async (s) => {
      await applyReportingSettings(s);
      return s.query<T>(sql, args);
    },
    { readOnly: true },
  );
}

/**
 * A JSON scalar as an analyst types it after KEY= (a VALUE is read as JSON
 * when it parses as JSON): strings bare, the rest as JSON, and a string that
 * would read as JSON (the text "3") quoted.
 */
export function valueText(v: unknown): string {
  if (typeof v !== 'string') return JSON.stringify(v);
  try {
    JSON.parse(v);
    return JSON.stringify(v);
  } catch {
    return v;
  }
}

/** The window and cuts of `input` as evtui_params reads them (not given: 'infinity' or ''). */
function paramsArgs(input: MetricInput): string[] {
  return [input.from ?? 'infinity', input.to ?? 'infinity', input.as_of ?? 'infinity', input.tz ?? 'UTC', input.known_at ?? 'infinity', input.signup_event ?? ''];
}

const PARAMS = `params as not materialized (select * from evtui_params($1::date, $2::date, $3::date, $4, $5::timestamptz, $6))`;

/** An event `e` of the window [from, to], seen up to as_of and known at known_at (the cuts of every metric file). */
const IN_WINDOW = `e.event_time >= p.from_at and e.event_time < least(p.to_end_at, p.cut_at) and e.ingested_at <= p.known_at`;

/**
 * The (key, value, count) pairs of a set of property objects, ranked within
 * each key; only scalar values, as --segment and --where compare them.
 */
const RANKED = `
pairs as (
  select kv.key, kv.value, count(*)::int as n
  from holders h, jsonb_each(h.properties) kv
  where jsonb_typeof(kv.value) in ('string', 'number', 'boolean', 'null')
  group by kv.key, kv.value
),
ranked as (
  select key, value, n,
         sum(n) over (partition by key)::int as key_n,
         count(*) over (partition by key)::int as distinct_n,
         row_number() over (partition by key order by n desc, value) as rank
  from pairs
)
select key, value, n, key_n, distinct_n, (select count(*)::int from holders) as read
from ranked where rank <= $7
order by key_n desc, key collate "C", rank`;

type RankedRow = { key: string; value: unknown; n: number; key_n: number; distinct_n: number; read: number };

function collect(rows: readonly RankedRow[]): { keys: PropertyKey[]; read: number } {
  const keys: PropertyKey[] = [];
  for (const r of rows) {
    let k = keys[keys.length - 1];
    if (!k || k.key !== r.key) keys.push((k = { key: r.key, count: r.key_n, distinct: r.distinct_n, values: [] }));
    k.values.push({ value: r.value, text: valueText(r.value), count: r.n });
  }
  return { keys, read: rows[0]?.read ?? 0 };
}

/**
 * User properties: the properties of each user's earliest signup event seen
 * up to as_of, the smallest event_id on a tie (SPEC §5): the first maxUsers
 * users by user_id with their signup time, read from the event_name index
 * alone, then each one's signup at that instant with the smallest event_id.
 * (One `distinct on (user_id) ... order by user_id, event_time, event_id`
 * over all signups sorts every signup before the first user is read on
 * PostgreSQL 15.) A join rather than a LATERAL lookup, which Citus refuses.
 */
export async function userProperties(db: Db, input: MetricInput, opts: { valuesPerKey?: number; maxUsers?: number } = {}): Promise<PropertyList> {
  const max = opts.maxUsers ?? MAX_USERS;
  const r = await read<RankedRow>(
    db,
    `with ${PARAMS},
     signup_time as (
       select e.user_id, min(e.event_time) as signup_time
       from events e, params p
       where e.event_name = p.signup_event and e.event_time < p.cut_at and e.ingested_at <= p.known_at
       group by e.user_id
       order by e.user_id
       limit $8
     ),
     holders as (
       select distinct on (t.user_id) t.user_id, e.properties
       from signup_time t
       join events e on e.user_id = t.user_id and e.event_time = t.signup_time
       cross join params p
       where e.event_name = p.signup_event and e.ingested_at <= p.known_at
       order by t.user_id, e.event_id
     ),${RANKED}`,
    [...paramsArgs(input), opts.valuesPerKey ?? VALUES_PER_KEY, max],
  );
  const got = collect(r.rows);
  return { ...got, capped: got.read >= max };
}

/** Event properties of the window's events (all of them, or the newest maxEvents). */
export async function eventProperties(db: Db, input: MetricInput, opts: { valuesPerKey?: number; maxEvents?: number } = {}): Promise<PropertyList> {
  const max = opts.maxEvents ?? MAX_EVENTS;
  const r = await read<RankedRow>(
    db,
    `with ${PARAMS},
     holders as (
       select e.properties
       from events e, params p
       where ${IN_WINDOW}
       order by e.event_time desc
       limit $8
     ),${RANKED}`,
    [...paramsArgs(input), opts.valuesPerKey ?? VALUES_PER_KEY, max],
  );
  const got = collect(r.rows);
  return { ...got, capped: got.read >= max };
}

/** Event names with their events in the window (all of them, or the newest maxNames), the most frequent first. */
export async function eventNames(db: Db, input: MetricInput, opts: { maxNames?: number } = {}): Promise<EventNameList> {
  const max = opts.maxNames ?? MAX_NAMES;
  const r = await read<{ name: string; events: number; read: number }>(
    db,
    `with ${PARAMS},
     seen as (
       select e.event_name
       from events e, params p
       where ${IN_WINDOW}
       order by e.event_time desc
       limit $7
     )
     select event_name as name, count(*)::int as events, (select count(*)::int from seen) as read
     from seen
     group by event_name
     order by events desc, event_name collate "C"`,
    [...paramsArgs(input), max],
  );
  const count = r.rows[0]?.read ?? 0;
  return { names: r.rows.map(({ name, events }) => ({ name, events })), read: count, capped: count >= max };
}
