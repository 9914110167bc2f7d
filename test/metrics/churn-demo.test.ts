import { beforeAll, expect, it } from 'vitest';
import { loadSource } from '../../src/ingest/load.js';
import { runMetric } from '../../src/metrics/run.js';
import { CHURN_STATUSES } from '../../src/metrics/types.js';
import { describeEachDb } from '../helpers/db.js';

/** The shipped churn-demo dataset exists to show one user in each churn segment. */
describeEachDb('churn-demo fixture', (t) => {
  beforeAll(async () => {
    const r = await loadSource(t().db, 'churn-demo');
    expect(r.rejected + r.conflicts).toBe(0);
  });

  it('churn with default parameters: active 1 / soft_churn 1 / churned 1 / hard_churn 1', async () => {
    const r = await runMetric(t().db, 'churn', {});
    expect(r.rows).toEqual([
      { status: 'active', users: 1, share: 0.25 },
      { status: 'soft_churn', users: 1, share: 0.25 },
      { status: 'churned', users: 1, share: 0.25 },
      { status: 'hard_churn', users: 1, share: 0.25 },
    ]);
  });

  it('churn_users lists exactly one user per segment', async () => {
    const seen = new Set<string>();
    for (const status of CHURN_STATUSES) {
      const r = await runMetric(t().db, 'churn_users', { status, limit: 50 });
      expect(r.rows, status).toHaveLength(1);
      seen.add(r.rows[0]!.user_id as string);
    }
    expect(seen.size).toBe(4);
  });
});
