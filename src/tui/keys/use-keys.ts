import { useInput, useStdin, type Key } from 'ink';
import { createContext, createElement, useContext, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';

/**
 * Keys reach screens through one router. Ink subscribes `useInput` handlers in
 * passive effects, so a key typed just after a new screen appears could reach
 * the old screen (or none). The router listens once, and screens register in
 * layout effects, which run before any further input can arrive; each handler
 * is read from a ref, so it always sees the latest render.
 */
type Entry = { handler: { current: (input: string, key: Key) => void }; active: { current: boolean } };

const RouterContext = createContext<Set<Entry> | null>(null);

export function KeyRouter({ children }: { children: ReactNode }) {
  const entries = useMemo(() => new Set<Entry>(), []);
  const queue = useRef<[string, Key][]>([]);
  const busy = useRef(false);
  // One key per turn of the event loop: React renders in between, so each
  // key's handler sees the state the previous key left ("jjj\r" opens the
  // third item, not the one under the cursor when the keys arrived), whether
  // the keys came in one chunk or in separate reads of the same tick.
  const drain = () => {
    const next = queue.current.shift();
    if (!next) {
      busy.current = false;
      return;
    }
    busy.current = true;
    for (const e of [...entries]) if (e.active.current) e.handler.current(next[0], next[1]);
    setTimeout(drain, 0);
  };
  // Ink reads a quick Esc Esc (ESC ESC, one sequence) and a single Esc alike (key.escape, key.meta,
  // no input); the raw sequence of each key press, noted just before useInput's handler sees it,
  // tells them apart.
  const { internal_eventEmitter: events } = useStdin();
  const sequence = useRef('');
  useLayoutEffect(() => {
    const note = (data: string) => (sequence.current = data);
    events.prependListener('input', note);
    return () => {
      events.off('input', note);
    };
  }, [events]);
  useInput((input, key) => {
    queue.current.push(...splitKeys(input, key, sequence.current));
    if (!busy.current) drain();
  });
  return createElement(RouterContext.Provider, { value: entries }, children);
}

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

/**
 * Keys typed while the UI is busy arrive as one chunk ("jjj\r"), which Ink
 * hands over as a single string, and two quick Esc presses as one sequence.
 * Each is a key press of its own; replayed one by one they do what they
 * would have done typed slowly.
 */
export function splitKeys(input: string, key: Key, sequence = input): [string, Key][] {
  if (key.escape && sequence === '\x1b\x1b') return [['', { ...NO_KEY, escape: true }], ['', { ...NO_KEY, escape: true }]];
  if (input.length <= 1 || key.ctrl || key.meta || key.escape) return [[input, key]];
  return [...input].map((c): [string, Key] => {
    if (c === '\r') return ['\r', { ...NO_KEY, return: true }];
    if (c === '\t') return ['', { ...NO_KEY, tab: true }];
    if (c === '\x7f' || c === '\b') return ['', { ...NO_KEY, delete: c === '\x7f', backspace: c === '\b' }];
    return [c, { ...NO_KEY, shift: /[A-Z]/.test(c) }];
  });
}

/** A screen's key handler; only active screens hear keys. */
export function useKeys(handler: (input: string, key: Key) => void, opts: { isActive?: boolean } = {}): void {
  const entries = useContext(RouterContext);
  if (!entries) throw new Error('useKeys outside <KeyRouter>');
  const h = useRef(handler);
  const active = useRef(opts.isActive ?? true);
  h.current = handler;
  active.current = opts.isActive ?? true;
  useLayoutEffect(() => {
    const entry: Entry = { handler: h, active };
    entries.add(entry);
    return () => {
      entries.delete(entry);
    };
  }, [entries]);
}
