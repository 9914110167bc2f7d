import { z } from 'zod';
import { UsageError } from '../errors.js';
import type { Db, Session } from '../db/types.js';
import { CHURN_STATUSES, type MetricDef, type MetricInput, type ParamName, type ResolvedParams } from './types.js';

/**
 * Parameter schemas (zod) and default resolution. Defaults are resolved here,
 * before the SQL runs, so a result shows the values actually used; the SQL
 * files resolve the same defaults themselves when psql leaves a variable out.
 */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, 'is not a calendar date');

/** Whole numbers arrive as numbers (the UI) or as flag text (the CLI). */
const wholeNumber = (min: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, min > 0 ? 'must be a positive whole number' : 'must not be negative'),
  );

export const PARAM_SCHEMAS = {
  from: isoDate,
  to: isoDate,
  as_of: isoDate,
  tz: z.string().trim().min(1, 'must name a time zone'),
  known_at: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i, 'must be an ISO-8601 timestamp with a zone, e.g. 2025-02-01T00:00:00Z')
    .refine((s) => !Number.isNaN(Date.parse(s.replace(' ', 'T'))), 'is not a valid timestamp'),
  signup_event: z.string().trim().min(1, 'must not be empty'),
  granularity: z.enum(['day', 'week', 'month'], 'must be day, week or month'),
  window_days: wholeNumber(1),
  status: z.enum(CHURN_STATUSES as [string, ...string[]], `must be one of ${CHURN_STATUSES.join(', ')}`),
  limit: wholeNumber(0),
  offset: wholeNumber(0),
  user_id: z.string().min(1, 'must not be empty'),
} satisfies Record<ParamName, z.ZodType>;

export type CheckedInput = { [K in ParamName]?: z.output<(typeof PARAM_SCHEMAS)[K]> };

/** Checks the parameters a metric takes; others are ignored (the UI passes one window to all). */
export function checkInput(def: MetricDef, input: MetricInput): CheckedInput {
  const out: Record<string, unknown> = {};
  for (const name of def.params) {
    const v = (input as Record<string, unknown>)[name];
    if (v === undefined || v === null || v === '') continue;
    const r = PARAM_SCHEMAS[name].safeParse(v);
    if (!r.success) throw new UsageError(`${name} ${r.error.issues[0]?.message ?? 'is not valid'} (got ${JSON.stringify(v)})`);
    out[name] = r.data;
  }
  if (def.params.includes('user_id') && out.user_id === undefined) throw new UsageError(`${def.name} needs a user_id`);
  return out as CheckedInput;
}

const zoneCache = new WeakMap<Db, Map<string, string>>();
let intlZones: Map<string, string> | undefined;

/**
 * Canonical IANA names Node knows, lowercased: reading pg_timezone_names costs
 * ~50 ms on a server, so the database is asked only about other names (aliases).
 */
function knownZones(): Map<string, string> {
  intlZones ??= new Map(['UTC', ...Intl.supportedValuesOf('timeZone')].map((z) => [z.toLowerCase(), z]));
  return intlZones;
}

/** The zone's canonical IANA name, checked against the database's own list. */
export async function checkTimeZone(db: Db, s: Session, tz: string): Promise<string> {
  let cache = zoneCache.get(db);
  if (!cache) zoneCache.set(db, (cache = new Map()));
  const hit = cache.get(tz.toLowerCase()) ?? knownZones().get(tz.toLowerCase());
  if (hit) return hit;
  const r = await s.query<{ name: string }>('select name from pg_timezone_names where lower(name) = lower($1) order by name = $1 desc limit 1', [tz]);
  const name = r.rows[0]?.name;
  if (!name) throw new UsageError(`unknown time zone "${tz}": expected an IANA name such as UTC, Europe/Berlin or America/New_York`);
  cache.set(tz.toLowerCase(), name);
  return name;
}

/**
 * Fills in the defaults of SPEC §5: to = the day (in tz) of the latest event
 * known at known_at, from = to - 29, as_of = to; known_at = the clock when
 * this runs, to the microsecond in UTC, so the run can be reproduced later
 * with --known-at. The clock, not now() (when the transaction began): a
 * repeatable-read transaction's snapshot is taken by its first query, and an
 * event committed between the two would be seen but not known at now().
 */
export async function resolveParams(s: Session, c: CheckedInput, tz: string): Promise<ResolvedParams> {
  const r = await s.query<{ from: string; to: string; as_of: string; known_at: string }>(
    `with i as (
       select $1::text as tz, coalesce($2::timestamptz, clock_timestamp()) as known_at,
              $3::date as from_given, $4::date as to_given, $5::date as as_of_given
     ), w as (
       select i.*, coalesce(i.to_given,
         (select (max(e.event_time) at time zone i.tz)::date from events e where e.ingested_at <= i.known_at),
         (i.known_at at time zone i.tz)::date) as to_day
       from i
     )
     select coalesce(from_given, to_day - 29) as "from", to_day as "to", coalesce(as_of_given, to_day) as as_of,
            to_char(known_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as known_at
     from w`,
    [tz, c.known_at ?? null, c.from ?? null, c.to ?? null, c.as_of ?? null],
  );
  const d = r.rows[0]!;
  if (d.from > d.to) throw new UsageError(`from (${d.from}) is after to (${d.to})`);
  return {
    from: d.from,
    to: d.to,
    as_of: d.as_of,
    tz,
    known_at: d.known_at,
    known_at_given: c.known_at !== undefined,
    signup_event: c.signup_event ?? 'signup',
    granularity: (c.granularity ?? 'week') as ResolvedParams['granularity'],
    window_days: c.window_days ?? 7,
    status: (c.status ?? 'active') as ResolvedParams['status'],
    limit: c.limit ?? 50,
    offset: c.offset ?? 0,
    user_id: c.user_id ?? '',
  };
}
