import type { Db } from '../db/types.js';

/**
 * Ctrl-C while a query runs on a server: the query is cancelled on the server
 * (the signal reaches pg_cancel_backend, see PgDb.transaction) and the command
 * ends with one line, instead of leaving the query running there. On the
 * embedded database a query runs on this thread and nothing could handle the
 * signal until it ends, so Ctrl-C keeps its default: the process stops.
 */
export async function cancellableOnCtrlC<T>(db: Db, fn: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (db.kind !== 'server') return fn(undefined);
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    return await fn(ac.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
