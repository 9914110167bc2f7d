import type { LoadProgress, LoadResult } from '../../../ingest/types.js';

/**
 * The load screen: pick a shipped fixture (or "a JSONL file…" and type its
 * path), watch the live counts, read the summary. The last list entry is the
 * path option.
 */
export type LoadPhase = 'pick' | 'path' | 'running' | 'done' | 'failed';

export interface LoadState {
  phase: LoadPhase;
  cursor: number;
  path: string;
  source: string | null;
  progress: LoadProgress | null;
  result: LoadResult | null;
  message: string | null;
  /** Where a failure sends the analyst back to. */
  from: 'pick' | 'path';
}

export type LoadAction =
  | { type: 'move'; delta: number; count: number }
  | { type: 'askPath' }
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'toPick' }
  | { type: 'started'; source: string; from: 'pick' | 'path' }
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'finished'; result: LoadResult }
  | { type: 'failed'; message: string }
  /** A typed path that does not check out: stay on the field, say why. */
  | { type: 'invalid'; message: string }
  | { type: 'retreat' };

export const initialLoadState: LoadState = { phase: 'pick', cursor: 0, path: '', source: null, progress: null, result: null, message: null, from: 'pick' };

export function loadReducer(s: LoadState, a: LoadAction): LoadState {
  switch (a.type) {
    case 'move':
      return { ...s, cursor: Math.max(0, Math.min(a.count - 1, s.cursor + a.delta)) };
    case 'askPath':
      return { ...s, phase: 'path', message: null };
    case 'type':
      return { ...s, path: s.path + a.text.replace(/\n/g, ''), message: null };
    case 'backspace':
      return { ...s, path: s.path.slice(0, -1), message: null };
    case 'toPick':
      return { ...s, phase: 'pick', message: null };
    case 'started':
      return { ...s, phase: 'running', source: a.source, from: a.from, progress: null, result: null, message: null };
    case 'progress':
      return s.phase === 'running' ? { ...s, progress: a.progress } : s;
    case 'finished':
      return { ...s, phase: 'done', result: a.result };
    case 'failed':
      return { ...s, phase: 'failed', message: a.message };
    case 'invalid':
      return { ...s, message: a.message };
    case 'retreat':
      // After a failure: back where the analyst chose the source, with the message kept beside it.
      return { ...s, phase: s.from, message: s.message };
  }
}
