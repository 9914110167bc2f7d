import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import type { DataSummary, Granularity, MetricInput } from '../metrics/types.js';

/**
 * The parameters the analyst has set in the UI. Anything left undefined takes
 * the runner's default (SPEC §5), and the result's ResolvedParams show what
 * was actually bound.
 */
export interface ParamState {
  from?: string;
  to?: string;
  as_of?: string;
  tz: string;
  granularity?: Granularity;
  window_days?: number;
  /** `f`: user properties (--segment) and event properties (--where), KEY: VALUE, all of which must hold. */
  segment?: Readonly<Record<string, unknown>>;
  where?: Readonly<Record<string, unknown>>;
  /** `b`: the user property key that breaks results down (--by). */
  by?: string;
  /** The funnel builder's steps and exclusions (funnel only; other metrics ignore them). */
  steps?: readonly string[];
  exclude?: readonly string[];
}

export const INITIAL_PARAMS: ParamState = { tz: 'UTC' };
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

export function toInput(p: ParamState): MetricInput {
  const input: MetricInput = { tz: p.tz };
  if (p.from) input.from = p.from;
  if (p.to) input.to = p.to;
  if (p.as_of) input.as_of = p.as_of;
  if (p.granularity) input.granularity = p.granularity;
  if (p.window_days !== undefined) input.window_days = p.window_days;
  if (p.segment && Object.keys(p.segment).length) input.segment = p.segment;
  if (p.where && Object.keys(p.where).length) input.where = p.where;
  if (p.by) input.by = p.by;
  if (p.steps?.length) input.steps = p.steps;
  if (p.exclude?.length) input.exclude = p.exclude;
  return input;
}

/** The calendar day of an instant in a time zone. */
export function dayIn(instant: Date, tz: string): string {
  return format(new TZDate(instant.getTime(), tz), 'yyyy-MM-dd');
}

function shiftDay(day: string, days: number): string {
  return format(addDays(parseISO(day), days), 'yyyy-MM-dd');
}

export type Preset = 7 | 14 | 30 | 90 | 'all';
export const PRESETS: readonly Preset[] = [7, 14, 30, 90, 'all'];

export function presetLabel(p: Preset): string {
  return p === 'all' ? 'all data' : `last ${p} days of data`;
}

/** A preset counts back from the day of the newest stored event (not from today: data may be old). */
export function presetWindow(p: Preset, summary: DataSummary | null, tz: string): { from: string; to: string } | null {
  if (!summary?.lastEvent) return null;
  const to = dayIn(summary.lastEvent, tz);
  if (p === 'all') return { from: summary.firstEvent ? dayIn(summary.firstEvent, tz) : to, to };
  return { from: shiftDay(to, -(p - 1)), to };
}

/** null when valid, else the message to show. */
export function checkDate(label: string, s: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return `${label} must be a date written YYYY-MM-DD (got "${s}")`;
  const d = parseISO(s);
  if (!isValid(d) || format(d, 'yyyy-MM-dd') !== s) return `${label} ${s} is not a calendar date`;
  return null;
}

export function checkWindow(from: string, to: string): string | null {
  return checkDate('from', from) ?? checkDate('to', to) ?? (from > to ? `from ${from} is after to ${to}` : null);
}

export function checkTz(tz: string): string | null {
  if (!tz.trim()) return 'the time zone is empty (e.g. UTC, Europe/Paris, America/New_York)';
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz.trim() });
    return null;
  } catch {
    return `unknown time zone "${tz}" (an IANA name, e.g. Europe/Paris)`;
  }
}

export function checkWindowDays(s: string): string | null {
  if (!/^\d+$/.test(s.trim()) || Number(s) < 1 || Number(s) > 365) return `window days must be a whole number from 1 to 365 (got "${s}")`;
  return null;
}

export function nextGranularity(g: Granularity | undefined): Granularity {
  const i = GRANULARITIES.indexOf(g ?? 'week');
  return GRANULARITIES[(i + 1) % GRANULARITIES.length]!;
}
