import { z } from 'zod';
import { v5 as uuidv5 } from 'uuid';
import { makeFastCheck } from './fast.js';
import { parseEventTime } from './time.js';

/**
 * The event contract of SPEC §4, one zod schema. Every rule rejects with a
 * short reason naming the field, because the reason lands in the rejects file
 * where an analyst reads it next to the raw line.
 */
export interface ValidEvent {
  event_id: string;
  event_name: string;
  /** Normalised to UTC, microseconds: `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
  event_time: string;
  user_id: string;
  /** The properties as JSON text (`{}` when absent). */
  properties: string;
}

export type Verdict = { ok: true; event: ValidEvent } | { ok: false; reason: string };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0, DEL and C1 controls: invisible in a terminal, and a name is a label.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;
// In `u` mode a valid surrogate pair is one code point, so this finds only unpaired halves (jsonb refuses them).
const LONE_SURROGATE_RE = /\p{Cs}/u;
const MAX_PROPERTIES_BYTES = 32 * 1024;

/** Namespace of evtui's derived ids (UUIDv5): fixed forever, or derived ids would change. */
export const DERIVE_NAMESPACE = '6f1c8a52-3f0e-4c36-9a57-5b0d3c1e7a41';

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const missingOr = (field: string, expected: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? `${field} is missing` : `${field} must be ${expected}`;

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

const eventId = z.string({ error: missingOr('event_id', 'a string') }).transform((s, ctx) => {
  if (!UUID_RE.test(s)) return fail(ctx, 'event_id is not a UUID');
  return s.toLowerCase();
});

const eventName = z.string({ error: missingOr('event_name', 'a string') }).transform((raw, ctx) => {
  const s = raw.trim();
  if (s === '') return fail(ctx, 'event_name is empty');
  if (s.length > 128 && codePoints(s) > 128) return fail(ctx, 'event_name is longer than 128 characters');
  if (CONTROL_RE.test(s)) return fail(ctx, 'event_name contains a control character');
  if (LONE_SURROGATE_RE.test(s)) return fail(ctx, 'event_name contains an unpaired surrogate');
  return s;
});

const userId = z.unknown().transform((v, ctx) => {
  if (v === undefined) return fail(ctx, 'user_id is missing');
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return fail(ctx, 'user_id must be a string or an integer');
    // JSON numbers past 2^53 have already lost digits in JSON.parse: refuse rather than store a different id.
    if (!Number.isSafeInteger(v)) return fail(ctx, 'user_id integer is too large; send it as a string');
    return String(v);
  }
  if (typeof v !== 'string') return fail(ctx, 'user_id must be a string or an integer');
  if (v.trim() === '') return fail(ctx, 'user_id is empty');
  if (v.length > 256 && codePoints(v) > 256) return fail(ctx, 'user_id is longer than 256 characters');
  if (v.includes('\u0000')) return fail(ctx, 'user_id contains \\u0000');
  if (LONE_SURROGATE_RE.test(v)) return fail(ctx, 'user_id contains an unpaired surrogate');
  return v;
});

function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (k.includes('\u0000') || hasNul(x)) return true;
  }
  return false;
}

const properties = z.unknown().transform((v, ctx) => {
  if (v === null) return fail(ctx, 'properties must be an object, not null');
  if (Array.isArray(v)) return fail(ctx, 'properties must be an object, not an array');
  if (typeof v !== 'object') return fail(ctx, `properties must be an object, not a ${typeof v}`);
  if (hasNul(v)) return fail(ctx, 'properties contains \\u0000');
  const json = JSON.stringify(v);
  if (json.length > MAX_PROPERTIES_BYTES / 4 && Buffer.byteLength(json) > MAX_PROPERTIES_BYTES) {
    return fail(ctx, 'properties is larger than 32 KiB as JSON');
  }
  // JSON.stringify writes unpaired surrogates as \udxxx escapes, which jsonb refuses.
  if (json.includes('\\ud') && /\\ud[89a-f][0-9a-f]{2}/.test(json)) return fail(ctx, 'properties contains an unpaired surrogate');
  return json;
});

function eventTime(now: number) {
  return z.string({ error: missingOr('event_time', 'a string') }).transform((s, ctx) => {
    const r = parseEventTime(s, now);
    return typeof r === 'string' ? r : fail(ctx, r.error);
  });
}

function unknownKeys(keys: readonly string[]): string {
  if (keys.includes('ingested_at')) return 'ingested_at is set by the database; remove it';
  return keys.length === 1 ? `unknown field "${keys[0]}"` : `unknown fields ${keys.map((k) => `"${k}"`).join(', ')}`;
}

export interface ContractOptions {
  /** The moment of ingestion, for the "at most 24 hours ahead" rule. */
  now?: number;
  deriveIds?: boolean;
  /** Zod alone, without the fast path of fast.ts (tests compare the two). */
  zodOnly?: boolean;
}

/** Builds the validator for one load. */
export function makeContract(opts: ContractOptions = {}): (value: unknown) => Verdict {
  const now = opts.now ?? Date.now();
  const schema = z.strictObject({
    // With --derive-ids the id comes from the content; a line's own id would be silently replaced, so it is refused.
    event_id: opts.deriveIds
      ? z.never({ error: 'event_id is present, but --derive-ids derives it; drop one of them' }).optional()
      : eventId,
    event_name: eventName,
    event_time: eventTime(now),
    user_id: userId,
    properties: properties.optional(),
  });
  const fast = opts.zodOnly ? () => undefined : makeFastCheck(now, !!opts.deriveIds);
  const judge = (value: unknown): Verdict => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, reason: `not a JSON object (${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value})` };
    }
    const f = fast(value as Record<string, unknown>);
    if (f) {
      const id = f.event_id ?? deriveId(f.event_name, f.user_id, f.event_time, f.properties);
      return { ok: true, event: { event_id: id, event_name: f.event_name, event_time: f.event_time, user_id: f.user_id, properties: f.properties } };
    }
    const r = schema.safeParse(value);
    if (!r.success) {
      const unknown = r.error.issues.find((i) => i.code === 'unrecognized_keys');
      const first = unknown ?? r.error.issues[0];
      const reason = first?.code === 'unrecognized_keys' ? unknownKeys(first.keys) : (first?.message ?? 'invalid event');
      return { ok: false, reason };
    }
    const e = r.data;
    const props = e.properties ?? '{}';
    const id = opts.deriveIds ? deriveId(e.event_name, e.user_id, e.event_time, props) : (e.event_id as string);
    return { ok: true, event: { event_id: id, event_name: e.event_name, event_time: e.event_time, user_id: e.user_id, properties: props } };
  };
  return (value: unknown): Verdict => {
    try {
      return judge(value);
    } catch (err) {
      // JSON.parse takes any depth, but walking properties (JSON.stringify, the NUL
      // check, derived ids) overflows the stack past a few thousand levels: one
      // rejected line, not a failed load.
      if (err instanceof RangeError) return { ok: false, reason: 'properties is nested too deeply' };
      throw err;
    }
  };
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/**
 * A deterministic UUIDv5 over the canonical content: the same event, whatever
 * its key order, whitespace or time zone offset, always gets the same id.
 */
export function deriveId(eventName: string, userId: string, eventTimeUtc: string, propertiesJson: string): string {
  const canonical = JSON.stringify([eventName, userId, eventTimeUtc, sortKeys(JSON.parse(propertiesJson))]);
  return uuidv5(canonical, DERIVE_NAMESPACE);
}
