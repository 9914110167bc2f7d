import { Rng, uuidFrom } from './random.js';

/**
 * Synthetic product events, deterministic for the same options (seeded PRNG,
 * no clock). The model, per user:
 * - a signup day spread evenly over the period (user ids grow with signup
 *   time, like an auto-increment key); 2% of users never send a signup event;
 *   3% have 1-3 page views in the days before signing up;
 * - a daily chance of being active that starts at 30-80% and decays fast
 *   (time constant 1-3 days) to the share of it the user keeps for good: 0
 *   for 30% of users (they churn out), uniform in [0, 1) for the rest: the
 *   flattening retention curve of a real product;
 * - on an active day, 1 + Exp(0.5 + engagement) events, engagement per user;
 * - event names: page_view, feature_used, search, invite_sent, purchase,
 *   export_report, each with properties, plus a platform per user.
 * Size: about 10 events per user for --days 30, 23 for 90 (see fixtures/README.md).
 * Output goes day by day, each day in time order, so memory is one day.
 */
export interface GenerateOptions {
  users: number;
  days: number;
  seed: string;
  /** First day, `YYYY-MM-DD` (UTC). */
  start: string;
  signupEvent: string;
}

const DAY_MS = 86_400_000;
/** The model's knobs, tuned so that events per user ≈ 10 at 30 days and ≈ 23 at 90. */
export const MODEL = { p0Min: 0.3, p0Span: 0.5, keepShare: 0.7, keepMax: 1, tauMean: 0.5, extraMean: 1.2, day0Mean: 0, activeMean: 0.5 };
const SEQ = 2 ** 24; // events per day at most: the sort key packs (time, sequence)
const CHUNK = 1 << 20;

const ACTIVITY: readonly [string, number][] = [
  ['page_view', 0.55],
  ['feature_used', 0.22],
  ['search', 0.12],
  ['invite_sent', 0.05],
  ['purchase', 0.03],
  ['export_report', 0.03],
];
const CUMULATIVE = ACTIVITY.reduce<number[]>((acc, [, w]) => [...acc, (acc.at(-1) ?? 0) + w], []);
const PLATFORMS = ['web', 'web', 'web', 'ios', 'android'];
const PLANS = ['free', 'free', 'free', 'trial', 'pro'];
const SOURCES = ['organic', 'ads', 'referral', 'partner'];
const PATHS = ['/dashboard', '/reports', '/settings', '/projects', '/billing', '/docs', '/team'];
const FEATURES = ['export', 'filters', 'share', 'alerts', 'dashboards', 'api', 'comments'];
const CHANNELS = ['email', 'slack', 'link'];
const PRICES = ['9.99', '29', '99'];
const FORMATS = ['csv', 'pdf', 'xlsx'];

const P2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const P3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${P2[Math.floor(s / 3600)]}:${P2[Math.floor(s / 60) % 60]}:${P2[s % 60]}.${P3[ms % 1000]}Z`;
}

/** Yields JSONL text in chunks of about 1 MiB. */
export function* generateEvents(o: GenerateOptions): Generator<string> {
  const r = new Rng(`evtui:${o.seed}`);
  const ids = new Rng(`evtui-ids:${o.seed}`);
  const n = o.users;
  const startMs = Date.parse(`${o.start}T00:00:00Z`);
  const width = Math.max(6, String(n).length);
  const signupDay = new Int32Array(n);
  const signupMs = new Int32Array(n);
  const p0 = new Float32Array(n);
  const tau = new Float32Array(n);
  const extra = new Float32Array(n);
  const keep = new Float32Array(n); // the share of early activity a user keeps for good (0: churns out)
  const flags = new Uint8Array(n); // 1: no signup event, 2-4: pre-signup days
  const platform = new Uint8Array(n);
  const plan = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    signupDay[u] = Math.min(o.days - 1, Math.floor(((u + r.next()) * o.days) / n));
    signupMs[u] = r.int(DAY_MS - 3_600_000);
    p0[u] = MODEL.p0Min + MODEL.p0Span * r.next();
    tau[u] = 1 + r.exp(MODEL.tauMean);
    keep[u] = r.next() < MODEL.keepShare ? MODEL.keepMax * r.next() : 0;
    extra[u] = r.exp(MODEL.extraMean);
    const f = r.next();
    flags[u] = f < 0.02 ? 1 : f < 0.05 ? 2 + r.int(3) : 0;
    platform[u] = r.int(PLATFORMS.length);
    plan[u] = r.int(PLANS.length);
  }
  const userId = (u: number) => 'u' + String(u + 1).padStart(width, '0');

  const keys: number[] = [];
  const who: number[] = [];
  const what: number[] = []; // -1 signup, else ACTIVITY index
  const add = (ms: number, u: number, kind: number) => {
    keys.push(ms * SEQ + who.length);
    who.push(u);
    what.push(kind);
  };
  const activity = () => {
    const x = r.next();
    let k = 0;
    while (k < CUMULATIVE.length - 1 && x >= CUMULATIVE[k]!) k++;
    return k;
  };

  const signupName = JSON.stringify(o.signupEvent);
  // Users are in signup order: [0, last) is everyone signed up by day d, plus the early birds of the next 3 days.
  let last = 0;
  for (let d = 0; d < o.days; d++) {
    keys.length = who.length = what.length = 0;
    while (last < n && signupDay[last]! <= d + 3) last++;
    for (let u = 0; u < last; u++) {
      const t = d - signupDay[u]!;
      if (t < 0) {
        // A few users look around before signing up.
        if (flags[u]! >= 2 && -t <= flags[u]! - 1 && r.next() < 0.7) add(r.int(DAY_MS), u, 0);
        continue;
      }
      if (t === 0) {
        const at = signupMs[u]!;
        if (flags[u] !== 1) add(at, u, -1);
        const k = 1 + Math.floor(r.exp(MODEL.day0Mean + extra[u]!));
        for (let i = 0; i < k; i++) add(at + 1000 + r.int(DAY_MS - at - 1000), u, activity());
        continue;
      }
      const k0 = keep[u]!;
      if (r.next() >= p0[u]! * (k0 + (1 - k0) * Math.exp(-t / tau[u]!))) continue;
      const k = 1 + Math.floor(r.exp(MODEL.activeMean + extra[u]!));
      for (let i = 0; i < k && keys.length < SEQ; i++) add(r.int(DAY_MS), u, activity());
    }
    const order = Float64Array.from(keys).sort();
    const prefix = new Date(startMs + d * DAY_MS).toISOString().slice(0, 11);
    let buf = '';
    for (const key of order) {
      const i = key % SEQ;
      const ms = (key - i) / SEQ;
      const u = who[i]!;
      const kind = what[i]!;
      const name = kind < 0 ? signupName : `"${ACTIVITY[kind]![0]}"`;
      buf += `{"event_id":"${uuidFrom(ids)}","event_name":${name},"event_time":"${prefix}${clock(ms)}","user_id":"${userId(u)}","properties":${props(kind, r, platform[u]!, plan[u]!)}}\n`;
      if (buf.length >= CHUNK) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
}

function props(kind: number, r: Rng, platform: number, plan: number): string {
  const p = `"platform":"${PLATFORMS[platform]}"`;
  switch (kind) {
    case -1:
      return `{${p},"plan":"${PLANS[plan]}","source":"${r.pick(SOURCES)}"}`;
    case 0:
      return `{${p},"path":"${r.pick(PATHS)}"}`;
    case 1:
      return `{${p},"feature":"${r.pick(FEATURES)}"}`;
    case 2:
      return `{${p},"query_length":${1 + r.int(40)},"results":${r.int(200)}}`;
    case 3:
      return `{${p},"channel":"${r.pick(CHANNELS)}"}`;
    case 4:
      return `{${p},"amount":${r.pick(PRICES)},"currency":"USD","plan":"${PLANS[plan] === 'free' ? 'pro' : PLANS[plan]}"}`;
    default:
      return `{${p},"format":"${r.pick(FORMATS)}"}`;
  }
}
