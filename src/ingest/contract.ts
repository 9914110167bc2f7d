import { z } from 'zod';
import { v5 as uuidv5 } from 'uuid';
import { makeFastCheck } from './fast.js';
import { countKeys, duplicateKey, MAX_PROPERTIES_DEPTH, normalize, scanLine, type LineScan } from './scan.js';
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
  /** The properties as JSON text (`{}` when absent): the line's own text, every digit as sent. */
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

/** A JSON integer as the grammar writes one: no fraction, no exponent, no leading zero. */
const INTEGER_RE = /^-?(?:0|[1-9][0-9]*)$/;
const MAX_USER_ID = 256;

/**
 * A numeric user_id from the line's own text (scan.ts), never from the double
 * JSON.parse made of it: 12345678901234567890 is stored as those 20 digits,
 * and two ids that differ past 2^53 stay two users. Only the integer grammar
 * counts: 1.0, 1e3 or 1E3 are rejected, not read as 1 or 1000 (an id is
 * compared as text, and the source meant one spelling or the other). `-0` is
 * the integer 0, stored as `0`.
 */
export function userIdFromNumber(text: string): string | { error: string } {
  if (!INTEGER_RE.test(text)) return { error: `user_id must be a string or an integer; ${text.length > 40 ? text.slice(0, 40) + '…' : text} has a fraction or an exponent` };
  if (text.length > MAX_USER_ID) return { error: `user_id is longer than ${MAX_USER_ID} characters` };
  return text === '-0' ? '0' : text;
}

function userIdRule(current: () => string | undefined) {
  return z.unknown().transform((v, ctx) => {
    if (v === undefined) return fail(ctx, 'user_id is missing');
    if (typeof v === 'number') {
      const text = current();
      if (text !== undefined) {
        const r = userIdFromNumber(text);
        return typeof r === 'string' ? r : fail(ctx, r.error);
      }
      // A value without its line (a caller with a parsed object only): past 2^53 the digits are gone already.
      if (!Number.isInteger(v)) return fail(ctx, 'user_id must be a string or an integer');
      if (!Number.isSafeInteger(v)) return fail(ctx, 'user_id integer is too large; send it as a string');
      return String(v);
    }
    return userIdText(v, ctx);
  });
}

function userIdText(v: unknown, ctx: z.RefinementCtx): string {
  if (typeof v !== 'string') return fail(ctx, 'user_id must be a string or an integer');
  if (v.trim() === '') return fail(ctx, 'user_id is empty');
  if (v.length > MAX_USER_ID && codePoints(v) > MAX_USER_ID) return fail(ctx, 'user_id is longer than 256 characters');
  if (v.includes('\u0000')) return fail(ctx, 'user_id contains \\u0000');
  if (LONE_SURROGATE_RE.test(v)) return fail(ctx, 'user_id contains an unpaired surrogate');
  return v;
}

function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (k.includes('\u0000') || hasNul(x)) return true;
  }
  return false;
}

/** The text stored for a line's properties object, and whether it is over the size limit. */
export interface PropsText {
  text: string;
  large: boolean;
}

/**
 * The properties' own text from the line when it was scanned (jsonb reads it
 * digit for digit; its size as JSON leaves out the whitespace between
 * tokens), else JSON.stringify of the parsed object (a caller with a value only).
 */
function propsText(p: object, raw: RawLine | undefined): PropsText {
  const sc = raw?.scan;
  if (raw && sc && sc.propsStart >= 0) {
    const text = raw.text.slice(sc.propsStart, sc.propsEnd);
    const chars = text.length - sc.propsSpace;
    return { text, large: chars > MAX_PROPERTIES_BYTES / 4 && Buffer.byteLength(text) - sc.propsSpace > MAX_PROPERTIES_BYTES };
  }
  const text = JSON.stringify(p);
  return { text, large: text.length > MAX_PROPERTIES_BYTES / 4 && Buffer.byteLength(text) > MAX_PROPERTIES_BYTES };
}

function propertiesRule(current: () => PropsText | undefined) {
  return z.unknown().transform((v, ctx) => {
    if (v === null) return fail(ctx, 'properties must be an object, not null');
    if (Array.isArray(v)) return fail(ctx, 'properties must be an object, not an array');
    if (typeof v !== 'object') return fail(ctx, `properties must be an object, not a ${typeof v}`);
    if (hasNul(v)) return fail(ctx, 'properties contains \\u0000');
    const p = current()!;
    if (p.large) return fail(ctx, 'properties is larger than 32 KiB as JSON');
    // JSON.stringify writes unpaired surrogates as \udxxx escapes, which jsonb refuses.
    const json = JSON.stringify(v);
    if (json.includes('\\ud') && /\\ud[89a-f][0-9a-f]{2}/.test(json)) return fail(ctx, 'properties contains an unpaired surrogate');
    return p.text;
  });
}

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

/** A line's text and its scan (scan.ts), beside its parsed value. */
export interface RawLine {
  text: string;
  scan: LineScan;
}

export interface ContractOptions {
  /** The moment of ingestion, for the "at most 24 hours ahead" rule. */
  now?: number;
  deriveIds?: boolean;
  /** Zod alone, without the fast path of fast.ts (tests compare the two). */
  zodOnly?: boolean;
}

/** Builds the validator for one load. */
export function makeContract(opts: ContractOptions = {}): (value: unknown, raw?: RawLine) => Verdict {
  const now = opts.now ?? Date.now();
  // The properties text of the value being judged, for the zod rule (set before each safeParse).
  let currentProps: PropsText | undefined;
  // The numeric user_id's text of the line being judged, likewise.
  let currentUserNumber: string | undefined;
  const schema = z.strictObject({
    // With --derive-ids the id comes from the content; a line's own id would be silently replaced, so it is refused.
    event_id: opts.deriveIds
      ? z.never({ error: 'event_id is present, but --derive-ids derives it; drop one of them' }).optional()
      : eventId,
    event_name: eventName,
    event_time: eventTime(now),
    user_id: userIdRule(() => currentUserNumber),
    properties: propertiesRule(() => currentProps).optional(),
  });
  const fast = opts.zodOnly ? () => undefined : makeFastCheck(now, !!opts.deriveIds);
  const inexactOf = (raw: RawLine | undefined) => {
    const sc = raw?.scan;
    return sc?.inexact?.map(([a, b]): [number, number] => [a - sc.propsStart, b - sc.propsStart]);
  };
  const judge = (value: unknown, raw: RawLine | undefined): Verdict => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, reason: `not a JSON object (${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value})` };
    }
    const v = judgeObject(value as Record<string, unknown>, raw);
    // Checked once the fields are: a number out of range can then only be in properties.
    if (v.ok && raw?.scan.outOfRange !== undefined) {
      return { ok: false, reason: `properties holds a number out of range: ${raw.scan.outOfRange.slice(0, 40)} (a 64-bit float holds magnitudes from 5e-324 to 1.8e308)` };
    }
    return v;
  };
  const judgeObject = (value: Record<string, unknown>, raw: RawLine | undefined): Verdict => {
    const p = value.properties;
    currentProps = p !== null && typeof p === 'object' && !Array.isArray(p) ? propsText(p, raw) : undefined;
    currentUserNumber = raw?.scan.userIdNumber;
    const f = fast(value, currentProps, currentUserNumber);
    if (f) {
      const id = f.event_id ?? deriveId(f.event_name, f.user_id, f.event_time, f.properties, inexactOf(raw));
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
    const id = opts.deriveIds ? deriveId(e.event_name, e.user_id, e.event_time, props, inexactOf(raw)) : (e.event_id as string);
    return { ok: true, event: { event_id: id, event_name: e.event_name, event_time: e.event_time, user_id: e.user_id, properties: props } };
  };
  return (value: unknown, raw?: RawLine): Verdict => {
    try {
      return judge(value, raw);
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
 * Numbers are written as JavaScript writes them, except those a double does
 * not give back digit for digit (`inexact`: [start, end) in propertiesJson),
 * which are written exactly (scan.ts's normalize), so two events that differ
 * only past a double's 17th digit get two ids.
 */
export function deriveId(eventName: string, userId: string, eventTimeUtc: string, propertiesJson: string, inexact?: [number, number][]): string {
  if (!inexact?.length) return uuidv5(JSON.stringify([eventName, userId, eventTimeUtc, sortKeys(JSON.parse(propertiesJson))]), DERIVE_NAMESPACE);
  // Each such number becomes a placeholder string (NUL cannot occur in accepted properties), swapped for its exact form after.
  const exact: string[] = [];
  let text = '';
  let last = 0;
  for (const [a, b] of inexact) {
    text += `${propertiesJson.slice(last, a)}"\\u0000${exact.length}"`;
    exact.push(normalize(propertiesJson.slice(a, b)));
    last = b;
  }
  text += propertiesJson.slice(last);
  const canonical = JSON.stringify([eventName, userId, eventTimeUtc, sortKeys(JSON.parse(text))]).replace(/"\\u0000(\d+)"/g, (_, i: string) => exact[Number(i)]!);
  return uuidv5(canonical, DERIVE_NAMESPACE);
}

export interface LineOptions extends ContractOptions {
  /** The contract to judge with (one per load); made from the options when absent. */
  contract?: ReturnType<typeof makeContract>;
}

/**
 * Judges one line of text: its nesting and repeated keys (which the parsed
 * value no longer shows), whether it is JSON, then the contract on the parsed
 * value with the line's own text for properties.
 */
export function makeLineJudge(opts: LineOptions = {}): (text: string) => Verdict {
  const contract = opts.contract ?? makeContract(opts);
  return (text) => {
    const scan = scanLine(text);
    if (scan.tooDeep) {
      // The scan stopped early and knows nothing of validity: JSON.parse decides (it takes any depth).
      if (!isJson(text)) return { ok: false, reason: 'not valid JSON' };
      return { ok: false, reason: `${scan.tooDeep === 'properties' ? 'properties is' : 'the line is'} nested deeper than ${MAX_PROPERTIES_DEPTH} levels` };
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'not valid JSON' };
    }
    // JSON.parse keeps the last of two equal keys: which one was meant is anyone's guess.
    if (countKeys(value) !== scan.keys) return { ok: false, reason: `key "${duplicateKey(text) ?? '?'}" is given twice` };
    return contract(value, { text, scan });
  };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
