import { valueText, type PropertyKey } from '../../../metrics/properties.js';
import type { ParamState } from '../../params.js';

/**
 * The `f` picker. Its list shows the filters that apply, then "add a
 * segment" (a user property) and "add a where" (an event property), then
 * "clear all". Adding goes key → value, both picked from the data with
 * counts; the value applies at once and the picker closes. The applied
 * filters themselves live in the app's parameters, not here.
 */
export type FilterKind = 'segment' | 'where';

export interface Filter {
  kind: FilterKind;
  key: string;
  value: unknown;
}

export type FilterItem = { type: 'filter'; filter: Filter } | { type: 'add'; kind: FilterKind } | { type: 'clear' };

export interface FilterState {
  phase: 'list' | 'keys' | 'values';
  /** What is being added (keys, values). */
  kind: FilterKind;
  /** The key whose values show. */
  key: string | null;
  /** The cursor of each phase, so going back finds it where it was. */
  cursor: { list: number; keys: number; values: number };
}

export type FilterAction =
  | { type: 'move'; delta: number; count: number }
  | { type: 'add'; kind: FilterKind }
  | { type: 'key'; key: string }
  | { type: 'back' }
  | { type: 'clamp'; count: number };

export function initialFilterState(): FilterState {
  return { phase: 'list', kind: 'segment', key: null, cursor: { list: 0, keys: 0, values: 0 } };
}

const clampTo = (n: number, count: number) => Math.max(0, Math.min(count - 1, n));

export function filterReducer(s: FilterState, a: FilterAction): FilterState {
  switch (a.type) {
    case 'move':
      return { ...s, cursor: { ...s.cursor, [s.phase]: clampTo(s.cursor[s.phase] + a.delta, a.count) } };
    case 'add':
      return { ...s, phase: 'keys', kind: a.kind, key: null, cursor: { ...s.cursor, keys: 0, values: 0 } };
    case 'key':
      return { ...s, phase: 'values', key: a.key, cursor: { ...s.cursor, values: 0 } };
    case 'back':
      return { ...s, phase: s.phase === 'values' ? 'keys' : 'list' };
    case 'clamp':
      // the list shrinks when a filter is removed
      return { ...s, cursor: { ...s.cursor, list: clampTo(s.cursor.list, a.count) } };
  }
}

/** The filters that apply, segments first, in the order they were added. */
export function appliedFilters(p: Pick<ParamState, 'segment' | 'where'>): Filter[] {
  return [
    ...Object.entries(p.segment ?? {}).map(([key, value]): Filter => ({ kind: 'segment', key, value })),
    ...Object.entries(p.where ?? {}).map(([key, value]): Filter => ({ kind: 'where', key, value })),
  ];
}

export function listItems(filters: readonly Filter[]): FilterItem[] {
  const items: FilterItem[] = filters.map((filter) => ({ type: 'filter', filter }));
  items.push({ type: 'add', kind: 'segment' }, { type: 'add', kind: 'where' });
  if (filters.length) items.push({ type: 'clear' });
  return items;
}

/** `segment plan=pro`: as the flag is written, a string bare and other values as JSON. */
export function filterText(f: Filter): string {
  return `${f.kind} ${f.key}=${valueText(f.value)}`;
}

/** The parameters with one filter added (a key already filtered takes the new value: one value per key can hold). */
export function withFilter(p: Pick<ParamState, 'segment' | 'where'>, f: Filter): Partial<ParamState> {
  return { [f.kind]: { ...(p[f.kind] ?? {}), [f.key]: f.value } };
}

export function withoutFilter(p: Pick<ParamState, 'segment' | 'where'>, f: Filter): Partial<ParamState> {
  const rest = { ...(p[f.kind] ?? {}) };
  delete rest[f.key];
  return { [f.kind]: Object.keys(rest).length ? rest : undefined };
}

export const NO_FILTERS: Partial<ParamState> = { segment: undefined, where: undefined };

/** The values of the chosen key, or [] while the data loads. */
export function valuesOf(keys: readonly PropertyKey[] | undefined, key: string | null): PropertyKey['values'] {
  return keys?.find((k) => k.key === key)?.values ?? [];
}
