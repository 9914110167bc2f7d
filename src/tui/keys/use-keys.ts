import { useInput, type Key } from 'ink';
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
  useInput((input, key) => {
    for (const e of [...entries]) if (e.active.current) e.handler.current(input, key);
  });
  return createElement(RouterContext.Provider, { value: entries }, children);
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
