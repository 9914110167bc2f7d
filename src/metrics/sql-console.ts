import type { Db } from '../db/types.js';
import type { SqlResult } from './types.js';

// STUB: being built (issue #3). Signature is the contract.
export async function runReadOnlySql(_db: Db, _sql: string, _opts: { signal?: AbortSignal; timeoutMs?: number; maxRows?: number } = {}): Promise<SqlResult> {
  throw new Error('not implemented');
}
