import type { Db } from '../db/types.js';
import type { DataSummary, MetricInput, MetricResult } from './types.js';

// STUB: being built (issue #3). Signatures are the contract.
export async function runMetric(_db: Db, _name: string, _input: MetricInput, _opts: { signal?: AbortSignal } = {}): Promise<MetricResult> {
  throw new Error('not implemented');
}
export async function dataSummary(_db: Db): Promise<DataSummary> {
  throw new Error('not implemented');
}
/** The SQL file's text, for `s` (show SQL) and exports. */
export function metricSqlText(_name: string): string {
  throw new Error('not implemented');
}
