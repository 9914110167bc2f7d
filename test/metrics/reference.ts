import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * A second, deliberately plain reading of SPEC §5 in TypeScript, used only by
 * the randomized cross-check. It favours obviousness over speed: every metric
 * is a loop over users and their visible events, written from the spec's
 * sentences, never from the SQL.
 */
export interface RefEvent {
  name: string;
  /** event_time, epoch ms */
  time: number;
  user: string;
  /** ingested_at, epoch ms */
  ingested: number;
  props?: Record<string, unknown>;
}

export type Granularity = 'day' | 'week' | 'month';
export type Status = 'active' | 'soft_churn' | 'churned' | 'hard_churn';
export const STATUSES: readonly Status[] = ['active', 'soft_churn', 'churned', 'hard_churn'];

export interface RefParams {
  from: string;
  to: string;
  as_of: string;
  tz: string;
  /** epoch ms; undefined = everything stored counts */
  known_at?: number;
  signup_event: string;
  granularity: Granularity;
  window_days: number;
  /** --segment: the signup event's properties must hold every KEY: VALUE */
  segment?: Record<string, unknown>;
  /** --where: a counted event's properties must hold every KEY: VALUE */
  where?: Record<string, unknown>;
}

export type Row = Record<string, unknown>;
const DAY_MS = 86_400_000;

const dayCache = new Map<string, Map<number, string>>();
/** The calendar date of an instant in a zone ("an event's day"). */
export function localDay(ms: number, tz: string): string {
  let m = dayCache.get(tz);
  if (!m) dayCache.set(tz, (m = new Map()));
  let d = m.get(ms);
  if (d === undefined) m.set(ms, (d = format(new TZDate(ms, tz), 'yyyy-MM-dd')));
  return d;
}

/** The instant a local wall-clock time happens in a zone. */
export function localInstant(day: string, tz: string, h = 0, min = 0, s = 0, ms = 0): number {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(y, mo - 1, d, h, min, s, ms, tz).getTime();
}

// Calendar-date arithmetic: dates are zone-free labels, so plain UTC math is exact.
export function addDays(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
export function daysIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
export function periodStart(d: string, g: Granularity): string {
  if (g === 'day') return d;
  if (g === 'month') return `${d.slice(0, 7)}-01`;
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(d, -((dow + 6) % 7)); // back to Monday
}
export function addPeriods(start: string, g: Granularity, k: number): string {
  if (g === 'day') return addDays(start, k);
  if (g === 'week') return addDays(start, 7 * k);
  const [y, m] = start.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + k;
  return `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}-01`;
}

interface UserView {
  user: string;
  /** visible events, by time */
  events: RefEvent[];
  signupTime: number | null;
  signupDay: string | null;
  activities: RefEvent[];
}

/** Every KEY: VALUE of wanted holds in props (values compared as JSON; the tests use scalars). */
function holds(props: Record<string, unknown> | undefined, wanted: Record<string, unknown> | undefined): boolean {
  return Object.entries(wanted ?? {}).every(([k, v]) => props !== undefined && k in props && JSON.stringify(props[k]) === JSON.stringify(v));
}

/**
 * Visible = on or before the end of as_of (local day <= as_of) and known by known_at.
 * With a segment, only users whose earliest visible signup event's properties hold it.
 * `events` and `activities` are the counted ones (--where); signups are never filtered.
 */
function users(events: RefEvent[], p: RefParams): UserView[] {
  const by = new Map<string, RefEvent[]>();
  for (const e of events) {
    if (localDay(e.time, p.tz) > p.as_of) continue;
    if (p.known_at !== undefined && e.ingested > p.known_at) continue;
    let l = by.get(e.user);
    if (!l) by.set(e.user, (l = []));
    l.push(e);
  }
  const out: UserView[] = [];
  for (const [user, all] of by) {
    all.sort((a, b) => a.time - b.time);
    const signups = all.filter((e) => e.name === p.signup_event);
    if (p.segment && !(signups.length && holds(signups[0]!.props, p.segment))) continue;
    const signupTime = signups.length ? signups[0]!.time : null;
    const evs = all.filter((e) => holds(e.props, p.where));
    out.push({
      user,
      events: evs,
      signupTime,
      signupDay: signupTime === null ? null : localDay(signupTime, p.tz),
      activities: evs.filter((e) => e.name !== p.signup_event),
    });
  }
  return out;
}

/** The users with a counted event. */
const counted = (ev: RefEvent[], p: RefParams) => users(ev, p).filter((u) => u.events.length > 0);

const rate = (num: number, den: number): number | null => (den === 0 ? null : num / den);
const cohort = (us: UserView[], p: RefParams) => us.filter((u) => u.signupDay !== null && u.signupDay >= p.from && u.signupDay <= p.to);

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function dau(ev: RefEvent[], p: RefParams): Row[] {
  const us = users(ev, p);
  return daysIn(p.from, p.to).map((day) => ({
    day,
    active_users: us.filter((u) => u.events.some((e) => localDay(e.time, p.tz) === day)).length,
  }));
}

export function signups(ev: RefEvent[], p: RefParams): Row[] {
  const us = users(ev, p);
  return daysIn(p.from, p.to).map((day) => ({ day, signups: us.filter((u) => u.signupDay === day).length }));
}

export function retention(ev: RefEvent[], p: RefParams): Row[] {
  const c = cohort(users(ev, p), p);
  const retained = c.filter((u) => u.activities.some((e) => localDay(e.time, p.tz) > u.signupDay!)).length;
  return [{ cohort_users: c.length, retained_users: retained, retention_rate: rate(retained, c.length) }];
}

export function day1Retention(ev: RefEvent[], p: RefParams): Row[] {
  const us = users(ev, p);
  return daysIn(p.from, p.to).map((day) => {
    const next = addDays(day, 1);
    const c = us.filter((u) => u.signupDay === day);
    const r = c.filter((u) => u.activities.some((e) => localDay(e.time, p.tz) === next)).length;
    return { day, cohort_users: c.length, retained_users: r, retention_rate: rate(r, c.length), complete: next <= p.as_of };
  });
}

/** mode on: active in the k-th period; on_or_after: in it or any later one up to as_of. */
export function cohortRetention(ev: RefEvent[], p: RefParams, mode: 'on' | 'on_or_after' = 'on'): Row[] {
  const g = p.granularity;
  const groups = new Map<string, UserView[]>();
  for (const u of cohort(users(ev, p), p)) {
    const c = periodStart(u.signupDay!, g);
    groups.set(c, [...(groups.get(c) ?? []), u]);
  }
  const rows: Row[] = [];
  for (const c of [...groups.keys()].sort()) {
    const members = groups.get(c)!;
    for (let k = 0; addPeriods(c, g, k) <= p.as_of; k++) {
      const start = addPeriods(c, g, k);
      const end = addDays(addPeriods(c, g, k + 1), -1);
      const active =
        k === 0
          ? members.length
          : members.filter((u) => u.activities.some((e) => {
              const d = localDay(e.time, p.tz);
              return d >= start && (mode === 'on_or_after' || d <= end);
            })).length;
      rows.push({ cohort: c, period: k, cohort_users: members.length, active_users: active, retention_rate: active / members.length, complete: end <= p.as_of });
    }
  }
  return rows;
}

/** Shared by both funnels: `qualifies` picks the activities that convert, `open` says if the window is still open. */
function funnel(ev: RefEvent[], p: RefParams, step2: string, qualifies: (u: UserView, e: RefEvent) => boolean, open: (u: UserView) => boolean): Row[] {
  const c = cohort(users(ev, p), p);
  const secs: number[] = [];
  let openCount = 0;
  for (const u of c) {
    const first = u.activities.find((e) => qualifies(u, e));
    if (first) secs.push((first.time - u.signupTime!) / 1000);
    else if (open(u)) openCount++;
  }
  return [
    { step: 1, name: 'signed_up', users: c.length, conversion_rate: c.length ? 1 : null, median_seconds_to_convert: null, open_windows: null },
    { step: 2, name: step2, users: secs.length, conversion_rate: rate(secs.length, c.length), median_seconds_to_convert: median(secs), open_windows: openCount },
  ];
}

export function funnelActivity(ev: RefEvent[], p: RefParams): Row[] {
  const w = p.window_days * DAY_MS;
  return funnel(
    ev,
    p,
    'activated',
    (u, e) => e.time > u.signupTime! && e.time <= u.signupTime! + w,
    // The window's last instant is not yet seen when it falls on a day after as_of.
    (u) => localDay(u.signupTime! + w, p.tz) > p.as_of,
  );
}

export function funnelDay1(ev: RefEvent[], p: RefParams): Row[] {
  return funnel(
    ev,
    p,
    'active_day1',
    (u, e) => localDay(e.time, p.tz) === addDays(u.signupDay!, 1),
    (u) => addDays(u.signupDay!, 1) > p.as_of,
  );
}

interface ChurnUser {
  user_id: string;
  first_seen: Date;
  last_seen: Date;
  days_inactive: number;
  events: number;
  status: Status;
}

function churnUsersAll(ev: RefEvent[], p: RefParams): ChurnUser[] {
  return counted(ev, p).map((u) => {
    const last = u.events[u.events.length - 1]!.time;
    const di = daysBetween(localDay(last, p.tz), p.as_of);
    const status: Status = di < 7 ? 'active' : di < 14 ? 'soft_churn' : di < 30 ? 'churned' : 'hard_churn';
    return { user_id: u.user, first_seen: new Date(u.events[0]!.time), last_seen: new Date(last), days_inactive: di, events: u.events.length, status };
  });
}

export function churn(ev: RefEvent[], p: RefParams): Row[] {
  const all = churnUsersAll(ev, p);
  return STATUSES.map((status) => {
    const n = all.filter((u) => u.status === status).length;
    return { status, users: n, share: rate(n, all.length) };
  });
}

/** Ordered by days_inactive, then user_id (plain code-point order: test ids are ASCII, same in every collation). */
export function churnUsers(ev: RefEvent[], p: RefParams, status: Status, limit: number, offset: number): Row[] {
  return churnUsersAll(ev, p)
    .filter((u) => u.status === status)
    .sort((a, b) => a.days_inactive - b.days_inactive || (a.user_id < b.user_id ? -1 : 1))
    .slice(offset, offset + limit)
    .map(({ status: _s, ...r }) => r);
}

export function eventsByName(ev: RefEvent[], p: RefParams): Row[] {
  const by = new Map<string, { events: number; users: Set<string> }>();
  for (const u of users(ev, p)) {
    for (const e of u.events) {
      const d = localDay(e.time, p.tz);
      if (d < p.from || d > p.to) continue;
      const g = by.get(e.name) ?? { events: 0, users: new Set<string>() };
      g.events++;
      g.users.add(u.user);
      by.set(e.name, g);
    }
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([event_name, g]) => ({ event_name, events: g.events, users: g.users.size }));
}

export function activeUsers(ev: RefEvent[], p: RefParams): Row[] {
  const us = users(ev, p).map((u) => new Set(u.events.map((e) => localDay(e.time, p.tz))));
  const within = (days: Set<string>, end: string, n: number) => daysIn(addDays(end, 1 - n), end).some((d) => days.has(d));
  return daysIn(p.from, p.to).map((day) => {
    const dau = us.filter((d) => within(d, day, 1)).length;
    const mau = us.filter((d) => within(d, day, 30)).length;
    return { day, dau, wau: us.filter((d) => within(d, day, 7)).length, mau, dau_mau: rate(dau, mau) };
  });
}

export function stickiness(ev: RefEvent[], p: RefParams): Row[] {
  const counts = users(ev, p)
    .map((u) => new Set(u.events.map((e) => localDay(e.time, p.tz)).filter((d) => d >= p.from && d <= p.to)).size)
    .filter((n) => n > 0);
  return daysIn(p.from, p.to).map((_d, i) => {
    const n = counts.filter((c) => c === i + 1).length;
    return { days_active: i + 1, users: n, share: rate(n, counts.length) };
  });
}

export function lifecycle(ev: RefEvent[], p: RefParams): Row[] {
  const g = p.granularity;
  const us = counted(ev, p).map((u) => ({
    first: periodStart(localDay(u.events[0]!.time, p.tz), g),
    active: new Set(u.events.map((e) => periodStart(localDay(e.time, p.tz), g))),
  }));
  const rows: Row[] = [];
  for (let k = 0; ; k++) {
    const period = addPeriods(periodStart(p.from, g), g, k);
    if (period > periodStart(p.to, g) || period > p.as_of) break;
    const prev = addPeriods(period, g, -1);
    const count = (f: (u: (typeof us)[number]) => boolean) => us.filter(f).length;
    rows.push(
      { period, status: 'new', users: count((u) => u.active.has(period) && u.first === period) },
      { period, status: 'returning', users: count((u) => u.active.has(period) && u.first !== period && u.active.has(prev)) },
      { period, status: 'resurrecting', users: count((u) => u.active.has(period) && u.first !== period && !u.active.has(prev)) },
      { period, status: 'dormant', users: count((u) => !u.active.has(period) && u.active.has(prev)) },
    );
  }
  return rows;
}

/** The funnel of SPEC §5, walked entry by entry over each user's visible events. */
export function funnelSteps(ev: RefEvent[], p: RefParams, steps: string[], exclude: string[] = []): Row[] {
  const w = p.window_days * DAY_MS;
  const reachedByUser: number[][] = [];
  for (const u of users(ev, p)) {
    let best: number[] | null = null;
    for (const entry of u.events) {
      const d = localDay(entry.time, p.tz);
      if (entry.name !== steps[0] || d < p.from || d > p.to) continue;
      const reached = [entry.time];
      const used = new Set<RefEvent>([entry]);
      for (let k = 1; k < steps.length; k++) {
        const next = u.events.find((e) => e.name === steps[k] && !used.has(e) && e.time >= reached[k - 1]! && e.time <= entry.time + w);
        if (!next) break;
        reached.push(next.time);
        used.add(next);
      }
      const last = reached[reached.length - 1]!;
      if (u.events.some((e) => exclude.includes(e.name) && e.time > entry.time && e.time < last)) continue;
      if (!best || reached.length > best.length) best = reached;
    }
    if (best) reachedByUser.push(best);
  }
  const counts = steps.map((_s, k) => reachedByUser.filter((r) => r.length > k).length);
  return steps.map((name, k) => {
    const secs = reachedByUser.filter((r) => r.length > k && k > 0).map((r) => (r[k]! - r[k - 1]!) / 1000);
    return {
      step: k + 1,
      name,
      users: counts[k],
      conversion_rate: rate(counts[k]!, counts[k === 0 ? 0 : k - 1]!),
      overall_rate: rate(counts[k]!, counts[0]!),
      median_seconds_to_convert: median(secs),
      avg_seconds_to_convert: secs.length ? secs.reduce((a, b) => a + b, 0) / secs.length : null,
    };
  });
}

/**
 * --by KEY: the metric worked out alone on each group's users, its rows led by
 * the group's text. The groups are the texts of KEY among the users seen (after
 * --segment), null for those without it (no signup event included), in byte
 * order with null last.
 */
export function byGroup(ev: RefEvent[], p: RefParams, key: string, metric: (ev: RefEvent[]) => Row[]): Row[] {
  const groupOf = new Map<string, string | null>();
  for (const u of users(ev, p)) {
    const signup = ev.filter((e) => e.user === u.user && e.name === p.signup_event && u.signupTime !== null && e.time === u.signupTime)[0];
    const v = signup?.props?.[key];
    groupOf.set(u.user, v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));
  }
  const groups = [...new Set(groupOf.values())].sort((a, b) => (a === null ? 1 : b === null ? -1 : Buffer.compare(Buffer.from(a), Buffer.from(b))));
  return groups.flatMap((g) => metric(ev.filter((e) => groupOf.has(e.user) && groupOf.get(e.user) === g)).map((r) => ({ segment: g, ...r })));
}
