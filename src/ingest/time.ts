/**
 * event_time: ISO-8601 with an explicit offset or Z. A zoneless time is
 * ambiguous (whose noon?), so it is refused rather than guessed. Parsed by
 * hand because Date.parse accepts zoneless strings and out-of-range fields.
 */
const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const DATE_ONLY_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Arithmetic rather than Date.UTC, which reads years 0-99 as 1900-1999.
function daysInMonth(y: number, m: number): number {
  return m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS[m]!;
}

/** The instant as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (microseconds, truncated: PostgreSQL's precision), or why not. */
export function parseEventTime(s: string, now: number): string | { error: string } {
  const m = TIME_RE.exec(s);
  if (!m) {
    if (DATE_ONLY_RE.test(s)) return { error: 'event_time is a date without a time and zone' };
    return { error: 'event_time is not an ISO-8601 timestamp' };
  }
  const [, ys, mos, ds, hs, mis, ss, frac, z, sign, ohs, oms] = m;
  if (!z && !sign) return { error: 'event_time has no time zone offset' };
  const y = Number(ys), mo = Number(mos), d = Number(ds), h = Number(hs), mi = Number(mis), sec = Number(ss ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) {
    return { error: 'event_time is not a valid date and time' };
  }
  // Any offset moves an instant by less than a day, so a year before 1969 is before 1970 whatever the offset;
  // and Date.UTC below would read years 0-99 as 1900-1999.
  if (y < 1969) return { error: 'event_time is before 1970-01-01' };
  let offsetMin = 0;
  if (sign) {
    const oh = Number(ohs), om = Number(oms ?? 0);
    if (oh > 23 || om > 59) return { error: 'event_time has an invalid offset' };
    offsetMin = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec) - offsetMin * 60_000;
  if (ms < 0) return { error: 'event_time is before 1970-01-01' };
  const micros = (frac ?? '').padEnd(6, '0').slice(0, 6);
  if (ms + Number(micros) / 1000 > now + DAY_MS) return { error: 'event_time is more than 24 hours in the future' };
  return new Date(ms).toISOString().slice(0, 19) + '.' + micros + 'Z';
}
