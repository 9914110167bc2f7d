import { describe, expect, it } from 'vitest';
import { getMetric } from '../../src/metrics/catalogue.js';
import type { MetricResult } from '../../src/metrics/types.js';
import { lifecycleChart } from '../../src/tui/render/lifecycle.js';
import { resultLines } from '../../src/tui/render/result.js';

const row = (period: string, status: string, users: number, segment?: string) => ({ ...(segment ? { segment } : {}), period, status, users });

/** Two days: new 2, returning 2, dormant 2; then returning 4 and nothing else. */
const rows = [
  row('2025-03-01', 'new', 2),
  row('2025-03-01', 'returning', 2),
  row('2025-03-01', 'resurrecting', 0),
  row('2025-03-01', 'dormant', 2),
  row('2025-03-02', 'new', 0),
  row('2025-03-02', 'returning', 4),
  row('2025-03-02', 'resurrecting', 0),
  row('2025-03-02', 'dormant', 0),
];

function result(metric: string, columns: string[], rs: Record<string, unknown>[]): MetricResult {
  return { metric, sqlFile: `sql/analytics/${metric}.sql`, params: {} as MetricResult['params'], columns, rows: rs, ranAt: new Date(), newestEvent: null, seconds: 0 };
}

describe('the lifecycle chart', () => {
  it('stacks new, returning and resurrecting above the axis and hangs dormant below it, on one scale', () => {
    // 4 rows: 4 active at most against 2 dormant, so 3 rows above and 1 below, 2 users a row;
    // each day 3 columns wide in 60 columns
    const lines = lifecycleChart(rows, 60, 4);
    expect(lines.slice(0, 5)).toEqual([
      '     4│      ',
      '      │▓▓▓▓▓▓',
      '      │███▓▓▓',
      '     0┼──────',
      '    -2│░░░   ',
    ]);
    expect(lines[5]).toBe('       2025-03-01');
    expect(lines[6]).toContain('░ dormant');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(60);
  });

  it('fits a narrow pane: periods averaged into columns, a short legend', () => {
    const many = Array.from({ length: 90 }, (_, i) => `2025-01-${String(i + 1).padStart(3, '0')}`).flatMap((p) => [row(p, 'returning', 3), row(p, 'dormant', 1)]);
    const lines = lifecycleChart(many, 30, 6);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
    expect(lines.find((l) => l.includes('┼'))).toBe('     0┼' + '─'.repeat(22));
    expect(lines.at(-1)).toContain('█ new ▓');
  });

  it('is drawn above the table, and once per group with --by', () => {
    const plain = resultLines(getMetric('lifecycle'), result('lifecycle', ['period', 'status', 'users'], rows), 60, 0, 24);
    expect(plain[0]).toBe('users by period: active above the axis, going dormant below');
    expect(plain.some((l) => l.includes('│ dormant'))).toBe(true);
    const grouped = ['free', 'pro'].flatMap((segment) => rows.map((r) => ({ segment, ...r })));
    const by = resultLines(getMetric('lifecycle'), result('lifecycle', ['segment', 'period', 'status', 'users'], grouped), 60);
    expect(by.filter((l) => /^ +0┼/.test(l))).toHaveLength(2);
    expect(by.filter((l) => l.startsWith('── '))).toEqual([expect.stringContaining('── free'), expect.stringContaining('── pro')]);
  });
});
