import type { Db } from '../db/types.js';
import type { LoadOptions, LoadResult } from './types.js';

// STUB: being built (issue #2). Signature is the contract.
export async function loadSource(_db: Db, _source: string, _opts: LoadOptions = {}): Promise<LoadResult> {
  throw new Error('not implemented');
}
