import type { PropertyKey } from '../../../metrics/properties.js';

/**
 * The `b` picker: "none", then the user property keys in the data; Enter
 * applies the one under the cursor (--by) and closes.
 */
export interface BreakdownState {
  /** null until the first move: the cursor sits on the breakdown that applies (known once the keys arrive). */
  cursor: number | null;
}

export type BreakdownAction = { type: 'move'; delta: number; count: number; from: number };

export function breakdownReducer(_s: BreakdownState, a: BreakdownAction): BreakdownState {
  return { cursor: Math.max(0, Math.min(a.count - 1, a.from + a.delta)) };
}

/** Where the cursor is: where it was moved, else on the breakdown that applies (else on "none"). */
export function cursorAt(s: BreakdownState, choices: readonly (PropertyKey | null)[], current: string | undefined): number {
  return s.cursor ?? Math.max(0, choices.findIndex((k) => (k?.key ?? undefined) === current));
}

/** The choices: null is "none" (no breakdown). */
export function breakdownChoices(keys: readonly PropertyKey[]): (PropertyKey | null)[] {
  return [null, ...keys];
}
