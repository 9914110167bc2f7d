import type { Session } from '../db/types.js';

/**
 * The settings a metric runs with, for its transaction alone (set local):
 * - work_mem 64MB: the per-user aggregates (~100k users per 1M events) spill
 *   to disk at the 4MB default;
 * - jit off: JIT compiles for 100-300 ms whenever a plan's cost is high,
 *   which is most metric plans at 1M events, and these queries never run long
 *   enough to earn it back;
 * - random_page_cost 1.1 (the usual SSD value): at the stock 4.0 the planner
 *   reads the heap instead of the covering (user_id, event_time) index;
 * - effective_cache_size 1GB: at the stock 4GB the planner prices every page
 *   of a table that size as cached, so it reads a 1.4 GB heap page by page in
 *   index order, each page a read from the operating system's cache
 *   (events_by_name --where at 10M: 30.8 s against 3.4 s). Its cost: a
 *   window's range read through the time index is priced the same way, so
 *   dau --where at 10M scans the whole table instead (5.8 s against 2.4 s).
 * On Citus the same settings reach the shard queries on the workers only with
 * citus.propagate_set_commands = 'local' (docs/performance.md).
 */
const SETTINGS = ["work_mem = '64MB'", 'jit = off', 'random_page_cost = 1.1', "effective_cache_size = '1GB'"];

export async function applyReportingSettings(s: Session): Promise<void> {
  const citus = await s.query<{ on: boolean }>(`select exists (select 1 from pg_extension where extname = 'citus') as on`);
  if (citus.rows[0]?.on) await s.query(`set local citus.propagate_set_commands = 'local'`);
  for (const setting of SETTINGS) await s.query(`set local ${setting}`);
}
