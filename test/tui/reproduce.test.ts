import { expect, it } from 'vitest';
import type { MetricResult, ResolvedParams } from '../../src/metrics/types.js';
import { reproduceCommand } from '../../src/tui/services/export.js';

const params: ResolvedParams = {
  from: '2025-03-01', to: '2025-03-31', as_of: '2025-03-31', tz: 'UTC', known_at: '2026-01-01T00:00:00.000000Z', known_at_given: false,
  signup_event: 'signup', granularity: 'week', window_days: 14, status: 'active', limit: 50, offset: 0, user_id: '',
  steps: ['signup', 'created_project', 'invited'], exclude: ['churned', 'left'], mode: 'on_or_after',
  segment: { plan: 'pro', seats: 3, code: '42' }, where: { platform: 'ios' }, by: '',
};
const result = (metric: string): MetricResult => ({
  metric, sqlFile: `sql/analytics/${metric}.sql`, params, columns: [], rows: [], ranAt: new Date(0), newestEvent: null, seconds: 0,
});

it('the reproduce command carries the steps, exclusions, mode, segment and where of the run', () => {
  const funnel = reproduceCommand(result('funnel'));
  expect(funnel).toContain('--steps signup,created_project,invited');
  expect(funnel).toContain('--exclude churned --exclude left');
  expect(funnel).not.toContain('--mode');
  expect(reproduceCommand(result('cohort_retention'))).toContain('--mode on_or_after');
  // a string that reads as JSON stays a string only when written as JSON text
  expect(reproduceCommand(result('dau'))).toContain(`--segment plan=pro --segment seats=3 --segment 'code="42"' --where platform=ios --known-at`);
});
