import { describe, expect, it } from 'vitest';
import { getMetric } from '../../src/metrics/catalogue.js';
import type { MetricResult } from '../../src/metrics/types.js';
import { groupedTableLines, groups, seriesLines } from '../../src/tui/render/groups.js';
import { resultLines } from '../../src/tui/render/result.js';

/** A result as the --by SQL gives it: a leading segment column, groups in byte order, null last. */
function byResult(metric: string, columns: string[], rows: Record<string, unknown>[]): MetricResult {
  return { metric, sqlFile: `sql/analytics/${metric}.sql`, params: {} as MetricResult['params'], columns: ['segment', ...columns], rows, ranAt: new Date(), newestEvent: null, seconds: 0 };
}

const days = ['2025-03-01', '2025-03-02', '2025-03-03'];
const dau = byResult('dau', ['day', 'active_users'], [
  ...days.map((day, i) => ({ segment: 'free', day, active_users: [1, 2, 4][i] })),
  ...days.map((day, i) => ({ segment: 'pro', day, active_users: [4, 0, 2][i] })),
  ...days.map((day) => ({ segment: null, day, active_users: 0 })),
]);

describe('a result broken down by a user property', () => {
  it('groups keep their order; the null group is "(none)"', () => {
    expect(groups(dau.rows).map((g) => [g.name, g.rows.length])).toEqual([['free', 3], ['pro', 3], ['(none)', 3]]);
  });

  it('the table names each group on its first row only', () => {
    const lines = groupedTableLines(getMetric('dau'), dau, 60);
    const cells = lines.filter((l) => l.startsWith('│')).map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
    expect(cells[0]).toEqual(['segment', 'day', 'active_users']);
    expect(cells.slice(1).map((c) => c[0])).toEqual(['free', '', '', 'pro', '', '', '(none)', '', '']);
    expect(cells[4]).toEqual(['pro', '2025-03-01', '4']);
  });

  it('a day series draws one line per group on one scale, with its maximum', () => {
    const lines = seriesLines(dau, 'active_users', false, 60);
    expect(lines[0]).toBe('active_users by day, one line per group · scale 0–4');
    // free 1, 2, 4 and pro 4, 0, 2 on the scale 0–4: a full block is 4 in either line
    expect(lines[1]).toBe('free   ▃▅█ max 4');
    expect(lines[2]).toBe('pro    █▁▅ max 4');
    expect(lines[3]).toBe('(none) ▁▁▁ max 0');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(60);
  });

  it('more groups than fit are capped, and the heading says how many show', () => {
    const many = byResult('dau', ['day', 'active_users'], Array.from({ length: 12 }, (_, g) => ({ segment: `g${String(g).padStart(2, '0')}`, day: days[0], active_users: g })));
    const lines = seriesLines(many, 'active_users', false, 60, 8);
    expect(lines).toContain('8 of 12 groups charted; the table has all');
    expect(lines.filter((l) => /^g\d\d /.test(l))).toHaveLength(8);
  });

  it('a funnel draws each group under its name; a list metric is the grouped table alone', () => {
    const funnel = byResult('funnel', ['step', 'name', 'users', 'conversion_rate'], [
      { segment: 'free', step: 1, name: 'signup', users: 4, conversion_rate: 1 },
      { segment: 'free', step: 2, name: 'page_view', users: 1, conversion_rate: 0.25 },
      { segment: 'pro', step: 1, name: 'signup', users: 2, conversion_rate: 1 },
      { segment: 'pro', step: 2, name: 'page_view', users: 2, conversion_rate: 1 },
    ]);
    const lines = resultLines(getMetric('funnel'), funnel, 70);
    const free = lines.findIndex((l) => l.startsWith('── free '));
    const pro = lines.findIndex((l) => l.startsWith('── pro '));
    expect(free).toBe(0);
    expect(lines[free + 2]).toMatch(/^2 page_view\s+1\s+25\.0%/);
    expect(lines[pro + 2]).toMatch(/^2 page_view\s+2\s+100\.0%/);

    const list = resultLines(getMetric('events_by_name'), byResult('events_by_name', ['event_name', 'events', 'users'], [{ segment: 'free', event_name: 'signup', events: 3, users: 2 }]), 70);
    expect(list[0]!.startsWith('┌')).toBe(true);
    expect(list.join('\n')).toMatch(/│ free\s+│ signup\s+│\s+3 │\s+2 │/);
  });

  it('a result without --by draws as before', () => {
    const plain = { ...dau, columns: ['day', 'active_users'], rows: dau.rows.slice(0, 3).map(({ segment: _s, ...r }) => r) };
    expect(resultLines(getMetric('dau'), plain, 60).join('\n')).toContain('active_users by day · min 1');
  });
});
