import type { FixtureInfo } from './types.js';

// STUB: being built (issue #2). Signature is the contract.
export function listFixtures(): FixtureInfo[] {
  return [];
}
