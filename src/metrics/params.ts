import { z } from 'zod';
import { UsageError } from '../errors.js';
import type { Db, Session } from '../db/types.js';
import { CHURN_STATUSES, RETENTION_MODES, type MetricDef, type MetricInput, type ParamName, type ResolvedParams } from './types.js';

/**
 * What was typed, checked for its shape (zod: a date is YYYY-MM-DD, a zone
 * is a known zone) for a fast exit 2; the rules themselves (defaults, the
 * window, as_of, known_at, the signup event) are evtui_params's, in SQL.
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

/** An event name as a funnel step or exclusion; it need not occur in the data (a step no one reaches counts 0). */
const eventName = z.string().trim().min(1, 'must not hold an empty event name').max(128, 'must not hold an event name longer than 128 characters');

/**
 * A list of event names: an array, or one text as evtui_event_names reads it
 * (a JSON array text, else names separated by commas).
 */
function namesOf(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (v.trimStart().startsWith('[')) {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  return v.split(',');
}

const nameList = (min: number, max: number, what: string) =>
  z.preprocess(
    namesOf,
    z.array(eventName).min(min, what).max(max, what),
  );

/** KEY: VALUE pairs (--segment, --where), given as an object or as its JSON text. */
const properties = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  },
  z.record(z.string().min(1, 'must not hold an empty key'), z.unknown(), 'must be KEY=VALUE pairs (a JSON object)'),
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
  steps: nameList(2, 10, 'must name 2 to 10 events, separated by commas'),
  exclude: nameList(0, 100, 'must name at most 100 events'),
  segment: properties,
  where: properties,
  by: z.string().trim().min(1, 'must name a property key').max(128, 'must name a property key of at most 128 characters'),
  mode: z.enum(RETENTION_MODES as [string, ...string[]], `must be one of ${RETENTION_MODES.join(', ')}`),
} satisfies Record<ParamName, z.ZodType>;

export type CheckedInput = { [K in ParamName]?: z.output<(typeof PARAM_SCHEMAS)[K]> };

/** Checks the parameters a metric takes; others are ignored (the UI passes one window to all). */
export function checkInput(def: MetricDef, input: MetricInput): CheckedInput {
  const out: Record<string, unknown> = {};
  for (const name of def.params) {
    const v = (input as Record<string, unknown>)[name];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    const r = PARAM_SCHEMAS[name].safeParse(v);
    if (!r.success) throw new UsageError(`${name} ${r.error.issues[0]?.message ?? 'is not valid'} (got ${JSON.stringify(v)})`);
    out[name] = r.data;
  }
  if (def.params.includes('user_id') && out.user_id === undefined) throw new UsageError(`${def.name} needs a user_id`);
  if (def.params.includes('steps') && out.steps === undefined) throw new UsageError(`${def.name} needs --steps, 2 to 10 event names separated by commas`);
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
 * The shared parameters as evtui_params (sql/schema/003_metric_layer.sql)
 * resolves them: the defaults, the checks and the day bounds live there
 * alone, so psql and evtui agree. Not given is 'infinity' for the dates and
 * known_at, '' for the texts. An error it raises is the user's to fix: one
 * line, exit 2.
 *
 * A known_at not given is reported as the clock read after the run's snapshot
 * (the caller's repeatable-read transaction takes it with this query), to the
 * microsecond in UTC: every event the run sees was ingested by then, so
 * --known-at with that value gives the same numbers later.
 */
export async function resolveParams(s: Session, def: MetricDef, c: CheckedInput, tz: string): Promise<ResolvedParams> {
  let d: { from: string; to: string; as_of: string; signup_event: string; known_at: string };
  try {
    const r = await s.query<typeof d>(
      `select from_day::text as "from", to_day::text as "to", as_of_day::text as as_of, signup_event,
              to_char(case when known_at = 'infinity' then clock_timestamp() else known_at end at time zone 'UTC',
                      'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as known_at
         from evtui_params($1, $2, $3, $4, $5, $6, $7, $8)`,
      [c.from ?? 'infinity', c.to ?? 'infinity', c.as_of ?? 'infinity', tz, c.known_at ?? 'infinity', c.signup_event ?? '',
       c.segment ? JSON.stringify(c.segment) : '', c.where ? JSON.stringify(c.where) : ''],
    );
    d = r.rows[0]!;
  } catch (err) {
    if (/^22/.test((err as { code?: string }).code ?? '')) throw new UsageError((err as Error).message);
    throw err;
  }
  const own = <K extends ParamName>(k: K): string => String(c[k] ?? def.defaults[k] ?? '');
  return {
    from: d.from,
    to: d.to,
    as_of: d.as_of,
    tz,
    known_at: d.known_at,
    known_at_given: c.known_at !== undefined,
    signup_event: d.signup_event,
    granularity: own('granularity') as ResolvedParams['granularity'],
    window_days: Number(own('window_days')),
    status: own('status') as ResolvedParams['status'],
    limit: Number(own('limit')),
    offset: Number(own('offset')),
    user_id: own('user_id'),
    steps: c.steps ?? [],
    exclude: c.exclude ?? [],
    mode: own('mode') as ResolvedParams['mode'],
    segment: c.segment ?? {},
    where: c.where ?? {},
    by: c.by ?? '',
  };
}
