import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../errors.js';

/**
 * One piece of async IO (a metric run, a load, a SQL statement) seen from the
 * UI: it never blocks input, a newer start supersedes an older one (its
 * result is dropped and its signal aborted), and a failure becomes a message.
 */
export type Task<T> =
  | { status: 'idle' }
  | { status: 'running'; since: number; previous?: T }
  | { status: 'done'; value: T }
  | { status: 'error'; message: string };

/** One line for any failure: the message, the SQLSTATE when there is one; never a stack. */
export function failureText(err: unknown): string {
  const e = err as { code?: string };
  const code = typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? ` (SQLSTATE ${e.code})` : '';
  const msg = errorMessage(err).split('\n')[0] ?? 'unknown error';
  if (typeof e?.code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|57P01)$/.test(e.code)) {
    return `the database is not answering: ${msg}`;
  }
  return msg + code;
}

export function useTask<T>() {
  const [task, setTask] = useState<Task<T>>({ status: 'idle' });
  const ctl = useRef<AbortController | null>(null);
  const gen = useRef(0);
  const last = useRef<T | undefined>(undefined);

  const start = useCallback((fn: (signal: AbortSignal) => Promise<T>) => {
    ctl.current?.abort();
    const c = new AbortController();
    ctl.current = c;
    const id = ++gen.current;
    setTask({ status: 'running', since: Date.now(), previous: last.current });
    fn(c.signal).then(
      (value) => {
        if (id !== gen.current) return;
        last.current = value;
        setTask({ status: 'done', value });
      },
      (err: unknown) => {
        if (id !== gen.current) return;
        setTask({ status: 'error', message: failureText(err) });
      },
    );
  }, []);

  /** Aborts the running work; the task ends in the error its runner reports ("query cancelled"). */
  const cancel = useCallback(() => ctl.current?.abort(), []);

  const reset = useCallback(() => {
    gen.current++;
    ctl.current?.abort();
    last.current = undefined;
    setTask({ status: 'idle' });
  }, []);

  useEffect(() => () => ctl.current?.abort(), []);
  return { task, start, cancel, reset };
}

export function taskValue<T>(t: Task<T>): T | undefined {
  return t.status === 'done' ? t.value : t.status === 'running' ? t.previous : undefined;
}
