import Table from 'cli-table3';
import type { MetricResult } from '../../metrics/types.js';
import { clip, durationText, percentText, timestampText } from './format.js';
import { compactTable } from './table.js';

type Row = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

/** How many period columns the matrix has and how many fit in `width` (cohort and users stay put). */
function matrixFit(rows: readonly Row[], width: number): { periods: number; fit: number } {
  const periods = Math.max(0, ...rows.map((r) => num(r.period))) + 1;
  const fixed = 12 + 8 + 2;
  return { periods, fit: Math.max(1, Math.min(periods, Math.floor((width - fixed) / 10))) };
}

/** How far the matrix can pan right: 0 when every period fits. */
export function matrixPan(rows: readonly Row[], width: number): number {
  const { periods, fit } = matrixFit(rows, width);
  return Math.max(0, periods - fit);
}

/** A cell's shade by its rate, so the matrix reads at a glance without color: ░ under 25%, ▒ under 50%, ▓ under 75%, █ above. */
export function shade(rate: unknown): string {
  if (typeof rate !== 'number') return ' ';
  return rate < 0.25 ? '░' : rate < 0.5 ? '▒' : rate < 0.75 ? '▓' : '█';
}

/**
 * Cohorts as rows, periods as columns from `first` on; a cell is the retention
 * rate and its shade, `*` marks a period not complete as of as_of.
 */
export function matrixLines(rows: readonly Row[], width: number, first = 0, legend = true): string[] {
  const cohorts = [...new Set(rows.map((r) => String(r.cohort)))];
  if (!rows.length) return ['(no cohorts in this window)'];
  const { periods, fit } = matrixFit(rows, width);
  const from = Math.max(0, Math.min(first, periods - fit));
  const byKey = new Map(rows.map((r) => [`${String(r.cohort)}|${num(r.period)}`, r]));
  const t = new Table({
    head: ['cohort', 'users', ...Array.from({ length: fit }, (_, k) => String(from + k))],
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 1 },
  });
  for (const c of cohorts) {
    const size = byKey.get(`${c}|0`)?.cohort_users ?? '';
    const cells = Array.from({ length: fit }, (_, k) => {
      const r = byKey.get(`${c}|${from + k}`);
      if (!r) return '';
      return { content: percentText(r.retention_rate) + (r.complete === false ? '*' : ' ') + shade(r.retention_rate), hAlign: 'right' as const };
    });
    t.push([c, { content: String(size), hAlign: 'right' as const }, ...cells]);
  }
  const lines = t.toString().split('\n');
  if (!legend) return lines;
  lines.push('* period not complete as of as_of: still open, not a drop');
  lines.push('shade: ░ under 25% · ▒ under 50% · ▓ under 75% · █ 75% and up');
  if (fit < periods) lines.push(`periods ${from}–${from + fit - 1} of 0–${periods - 1} shown: ←/→ for the others`);
  return lines;
}

function bar(fraction: number, width: number): string {
  const n = Math.max(0, Math.round(fraction * width));
  return '█'.repeat(n) + '░'.repeat(Math.max(0, width - n));
}

export function funnelLines(rows: readonly Row[], width: number): string[] {
  const top = Math.max(1, num(rows[0]?.users));
  const barW = Math.max(6, Math.min(30, width - 40));
  const out: string[] = [];
  for (const r of rows) {
    const name = clip(String(r.name), 14).padEnd(14);
    out.push(`${String(r.step)} ${name} ${String(num(r.users)).padStart(7)}  ${percentText(r.conversion_rate).padStart(6)}  ${bar(num(r.users) / top, barW)}`);
    if (num(r.step) > 1) {
      const open = num(r.open_windows);
      out.push(`    median time to convert ${durationText(r.median_seconds_to_convert as number | null)}` + (open ? ` · ${open} window${open === 1 ? '' : 's'} still open (may convert)` : ''));
    }
  }
  return out.map((l) => clip(l, width));
}

/** Lines above the first segment in `segmentLines` (the header). */
export const SEGMENT_HEAD_LINES = 1;

/** A header, then one segment a line; a margin column on the left holds the cursor's glyph. */
export function segmentLines(rows: readonly Row[], width: number): string[] {
  const barW = Math.max(6, Math.min(30, width - 36));
  const head = ` ${'status'.padEnd(11)} ${'users'.padStart(7)}  ${'share'.padStart(6)}  share of users`;
  return [head, ...rows.map((r) => ` ${String(r.status).padEnd(11)} ${String(num(r.users)).padStart(7)}  ${percentText(r.share).padStart(6)}  ${bar(num(r.share), barW)}`)].map((l) => clip(l, width));
}

/** The timeline's columns on screen, in reading order; Enter on an event shows every column whole, and the export has them all. */
export const TIMELINE_COLUMNS = ['event_time', 'event_name', 'properties', 'ingested_at'] as const;

/**
 * One event a row under a header: time, name, properties as compact JSON,
 * when it was loaded. A narrow terminal clips the properties, never the
 * timestamps or the name.
 */
export function timelineLines(result: Pick<MetricResult, 'columns' | 'rows'>, width: number): string[] {
  if (!result.rows.length) return ['(no events)'];
  const columns = TIMELINE_COLUMNS.filter((c) => result.columns.includes(c));
  const rows = result.rows.map((r) => Object.fromEntries(columns.map((c) => [c, timelineCell(r[c])])));
  return compactTable(rows, columns, width, ['event_time', 'event_name', 'ingested_at']);
}

function timelineCell(v: unknown): string {
  if (v instanceof Date) return timestampText(v);
  if (v && typeof v === 'object') return JSON.stringify(v);
  return v === null || v === undefined ? '' : String(v);
}

/** One event, every field whole: a field a line, long values and the properties (as indented JSON) wrapped to the width. */
export function eventLines(row: Row, columns: readonly string[], width: number): string[] {
  const pad = Math.max(...columns.map((c) => c.length)) + 2;
  const room = Math.max(10, width - pad - 1);
  const out: string[] = [];
  for (const c of columns) {
    const text = timelineCell(row[c]);
    const v = row[c];
    const body = v && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v, null, 2).split('\n') : [text];
    const wrapped = body.flatMap((l) => (l.length <= room ? [l] : Array.from({ length: Math.ceil(l.length / room) }, (_, i) => l.slice(i * room, (i + 1) * room))));
    wrapped.forEach((l, i) => out.push(` ${(i === 0 ? c : '').padEnd(pad)}${l}`));
  }
  return out;
}
