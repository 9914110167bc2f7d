import type { MetricDef } from './types.js';

// STUB: being built (issue #3). Signature is the contract.
export const METRICS: readonly MetricDef[] = [];
export function getMetric(name: string): MetricDef | undefined {
  return METRICS.find((m) => m.name === name);
}
