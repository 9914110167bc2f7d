import type { PropsText } from './contract.js';
import { parseEventTime } from './time.js';

/**
 * A hand-written check for the common, well-formed line, tried before the zod
 * schema of contract.ts. It only ever ACCEPTS: anything unusual or wrong (an
 * unknown key, a control character, any surrogate, a long field, a NUL, ...)
 * returns undefined and the line goes through zod, which decides and gives the
 * reason. So every rule of SPEC §4 is still zod's; this only has to agree with
 * zod on what it accepts (test/ingest/fast.test.ts checks that line by line).
 * Measured on 1M generated events: zod costs ~10 µs a line, this ~1 µs.
 */
export interface FastFields {
  event_id?: string;
  event_name: string;
  event_time: string;
  user_id: string;
  properties: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Controls (C0, DEL, C1) and every surrogate, paired or not: zod's business.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NAME_UNUSUAL_RE = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const USER_UNUSUAL_RE = /[\u0000\ud800-\udfff]/;
// The UTC form generators and most SDKs write; anything else goes to parseEventTime.
const UTC_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
// A numeric user_id in the integer grammar, not -0 (zod's business, as is every longer one).
const SHORT_INTEGER_RE = /^(?:0|-?[1-9][0-9]*)$/;
const DAY_MS = 86_400_000;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function makeFastCheck(
  now: number,
  deriveIds: boolean,
): (v: Record<string, unknown>, props: PropsText | undefined, userIdNumber?: string) => FastFields | undefined {
  // The latest accepted instant in the output format: same-format strings compare as instants.
  const limit = Number.isInteger(now) ? new Date(now + DAY_MS).toISOString().slice(0, 23) + '000Z' : null;
  const fastTime = (s: string): string | undefined => {
    const m = limit !== null && s.length <= 30 ? UTC_TIME_RE.exec(s) : null;
    if (!m) return undefined;
    const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && isLeap(y) ? 29 : DAYS[mo]!)) return undefined;
    if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return undefined;
    const frac = m[7] ?? '';
    const out = `${s.slice(0, 19)}.${frac.length === 6 ? frac : frac.padEnd(6, '0').slice(0, 6)}Z`;
    return out > limit! ? undefined : out;
  };
  const required = deriveIds ? 3 : 4;

  return (o, propsText, userIdNumber) => {
    let known = 0;
    let props = false;
    for (const k in o) {
      if (k === 'event_name' || k === 'event_time' || k === 'user_id' || (k === 'event_id' && !deriveIds)) known++;
      else if (k === 'properties') props = true;
      else return undefined;
    }
    if (known !== required) return undefined;

    let eventId: string | undefined;
    if (!deriveIds) {
      const id = o.event_id;
      if (typeof id !== 'string' || !UUID_RE.test(id)) return undefined;
      eventId = id.toLowerCase();
    }

    const rawName = o.event_name;
    if (typeof rawName !== 'string') return undefined;
    const name = rawName.trim();
    if (name === '' || name.length > 128 || NAME_UNUSUAL_RE.test(name)) return undefined;

    const t = o.event_time;
    if (typeof t !== 'string') return undefined;
    let time = fastTime(t);
    if (time === undefined) {
      const r = parseEventTime(t, now);
      if (typeof r !== 'string') return undefined;
      time = r;
    }

    const u = o.user_id;
    let user: string;
    if (typeof u === 'string') {
      if (u.length > 256 || u.trim() === '' || USER_UNUSUAL_RE.test(u)) return undefined;
      user = u;
    } else if (typeof u === 'number' && userIdNumber !== undefined && userIdNumber.length <= 20 && SHORT_INTEGER_RE.test(userIdNumber)) {
      user = userIdNumber; // as written: every digit (contract.ts's userIdFromNumber, for the usual id)
    } else return undefined;

    let properties = '{}';
    if (props) {
      if (!propsText || propsText.large) return undefined;
      properties = propsText.text;
      // In JSON text a NUL or a surrogate can only be an escape (\u0000, \ud800 or \uD800): zod looks at those.
      if (properties.includes('\\u') && /\\u(?:0000|[dD])/.test(properties)) return undefined;
    }
    return { event_id: eventId, event_name: name, event_time: time, user_id: user, properties };
  };
}
