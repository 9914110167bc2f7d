import type { Db } from '../../src/db/types.js';
import { addDays, localInstant, type RefEvent } from './reference.js';

/**
 * A seeded generator of awkward event data for the randomized cross-check:
 * timestamps pile up on local midnights of several zones (±1 ms, ±1 s), on DST
 * changes, and on funnel window boundaries (signup + N×24 h, ±1 ms); some
 * users never sign up, some sign up twice, some act before signing up, some
 * use the other signup name, and some events arrive in late batches. Signups
 * carry a plan and seats (a second signup may carry others), activities a platform;
 * some carry no properties.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const INGEST = {
  early: Date.parse('2026-06-01T00:00:00Z'),
  /** exactly a known_at the tests use: `ingested_at <= known_at` must include it */
  atKnown: Date.parse('2026-06-15T00:00:00Z'),
  late: Date.parse('2026-07-01T00:00:00Z'),
};

export interface GenOptions {
  seed: number;
  users: number;
  start: string;
  days: number;
  /** zones whose local midnights attract events */
  zones: string[];
  /** instants (ms) of DST changes to cluster events around */
  dst: number[];
}

const DAY = 86_400_000;
const NAMES = ['page_view', 'click', 'purchase'];

export function generate(o: GenOptions): RefEvent[] {
  const r = mulberry32(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const day = (lo = 0, hi = o.days - 1) => addDays(o.start, int(lo, hi));
  const nearMidnight = (d: string) => localInstant(d, pick(o.zones)) + pick([0, 0, -1, 1, -1000, 999, -60_000, 3_600_000, -3_600_000]);
  /** An instant on or near day `d`: uniform, on a local midnight, or on a DST change. */
  const instant = (d: string): number => {
    const x = r();
    if (x < 0.4) return Date.parse(`${d}T00:00:00Z`) + Math.floor(r() * DAY);
    if (x < 0.8) return nearMidnight(d);
    if (x < 0.9 && o.dst.length) return pick(o.dst) + pick([0, -1, 1]) + int(-4, 4) * 1_800_000;
    return Date.parse(`${d}T00:00:00Z`) + int(0, 23) * 3_600_000;
  };
  const ingested = () => {
    const x = r();
    return x < 0.75 ? INGEST.early : x < 0.85 ? INGEST.atKnown : INGEST.late;
  };

  // properties come from a stream of their own, so the events stay those of the seed
  const rp = mulberry32(o.seed ^ 0x5e97e47);
  const props = (name: string): Record<string, unknown> => {
    if (name === 'signup' || name === 'user_signed_up') return rp() < 0.1 ? {} : { plan: rp() < 0.4 ? 'pro' : 'free', seats: Math.floor(rp() * 3) };
    return rp() < 0.15 ? {} : { platform: rp() < 0.5 ? 'web' : 'ios' };
  };
  const out: RefEvent[] = [];
  for (let i = 0; i < o.users; i++) {
    const user = `u${String(i).padStart(3, '0')}`;
    const add = (name: string, time: number) => out.push({ user, name, time, ingested: ingested(), props: props(name) });
    const hasSignup = r() < 0.85;
    const base = instant(day(0, Math.floor(o.days * 0.75)));
    if (hasSignup) {
      add('signup', base);
      if (r() < 0.15) add('signup', base + Math.floor(r() * 10 * DAY)); // double signup: the earliest counts
    }
    if (r() < 0.3) add('user_signed_up', base + int(-1, 2) * DAY + int(-3, 3) * 3_600_000);
    const n = r() < 0.1 ? 0 : int(1, 25);
    for (let k = 0; k < n; k++) {
      const x = r();
      let t: number;
      if (x < 0.08) t = base - Math.floor(r() * 5 * DAY); // before signup
      else if (x < 0.2) t = base + pick([1, 7, 30]) * DAY + pick([0, 0, -1, 1]); // on a funnel window's edge
      else if (x < 0.25) t = base + pick([0, 1]); // at or just after the signup instant
      else if (x < 0.5) t = nearMidnight(addDays(new Date(base).toISOString().slice(0, 10), int(0, 2)));
      else t = instant(addDays(new Date(base).toISOString().slice(0, 10), int(0, 45)));
      add(pick(NAMES), t);
    }
  }
  return out;
}

export async function insertRef(db: Db, evs: readonly RefEvent[]): Promise<void> {
  const doc = JSON.stringify(evs.map((e) => ({ u: e.user, n: e.name, t: new Date(e.time).toISOString(), i: new Date(e.ingested).toISOString(), p: e.props ?? {} })));
  await db.query(
    `insert into events (event_id, event_name, event_time, user_id, ingested_at, properties)
     select gen_random_uuid(), x.n, x.t, x.u, x.i, x.p
     from jsonb_to_recordset($1::jsonb) as x(u text, n text, t timestamptz, i timestamptz, p jsonb)`,
    [doc],
  );
}
