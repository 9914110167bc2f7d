import type { ChurnStatus } from '../../../metrics/types.js';
import { scrollTo } from '../metrics/state.js';

/**
 * The churn browser, four levels deep: segments → one segment's users
 * (paged) → one user's timeline → one event, every field whole. Each level
 * keeps its cursor, so Esc lands where the analyst left.
 */
export type Level = 'segments' | 'users' | 'timeline' | 'event';

export interface ChurnState {
  level: Level;
  segCursor: number;
  status: ChurnStatus | null;
  /** Users of the segment before this page. */
  offset: number;
  userCursor: number;
  userId: string | null;
  eventCursor: number;
  /** The event view's scroll (a long properties object). */
  scroll: number;
  runNonce: number;
}

export type ChurnAction =
  | { type: 'move'; delta: number; count: number }
  | { type: 'openSegment'; status: ChurnStatus }
  | { type: 'openUser'; userId: string }
  | { type: 'openEvent' }
  | { type: 'back' }
  | { type: 'page'; delta: 1 | -1; pageSize: number; total: number }
  | { type: 'scroll'; to: 'top' | 'bottom' | number; max: number }
  | { type: 'rerun' };

export const initialChurnState: ChurnState = { level: 'segments', segCursor: 0, status: null, offset: 0, userCursor: 0, userId: null, eventCursor: 0, scroll: 0, runNonce: 0 };

const clamp = (v: number, count: number) => Math.max(0, Math.min(count - 1, v));

export function churnReducer(s: ChurnState, a: ChurnAction): ChurnState {
  switch (a.type) {
    case 'move':
      if (s.level === 'segments') return { ...s, segCursor: clamp(s.segCursor + a.delta, a.count) };
      if (s.level === 'users') return { ...s, userCursor: clamp(s.userCursor + a.delta, a.count) };
      if (s.level === 'timeline') return { ...s, eventCursor: clamp(s.eventCursor + a.delta, a.count) };
      return { ...s, scroll: Math.max(0, s.scroll + a.delta) };
    case 'openSegment':
      // Reopening the same segment keeps the page and cursor.
      return s.status === a.status ? { ...s, level: 'users' } : { ...s, level: 'users', status: a.status, offset: 0, userCursor: 0 };
    case 'openUser':
      return s.userId === a.userId ? { ...s, level: 'timeline' } : { ...s, level: 'timeline', userId: a.userId, eventCursor: 0 };
    case 'openEvent':
      return { ...s, level: 'event', scroll: 0 };
    case 'back':
      if (s.level === 'event') return { ...s, level: 'timeline' };
      if (s.level === 'timeline') return { ...s, level: 'users' };
      if (s.level === 'users') return { ...s, level: 'segments' };
      return s;
    case 'page': {
      const offset = s.offset + a.delta * a.pageSize;
      if (offset < 0 || offset >= a.total) return s;
      return { ...s, offset, userCursor: 0 };
    }
    case 'scroll':
      return { ...s, scroll: scrollTo(s.scroll, a.to, a.max) };
    case 'rerun':
      return { ...s, runNonce: s.runNonce + 1 };
  }
}
