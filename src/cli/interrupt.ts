import type { Db } from '../db/types.js';
import { EXIT, UserError } from '../errors.js';

/** A database whose running statement can be stopped only by ending the thread that runs it (PgliteWorkerDb). */
interface Interruptible {
  interrupt(reason: Error): Promise<void>;
}

const interruptible = (db: Db): db is Db & Interruptible => typeof (db as Partial<Interruptible>).interrupt === 'function';

/** Open the database for `evtui metric` and `evtui sql` so that Ctrl-C can stop their query: PGlite on a thread of its own. */
export const CANCELLABLE_OPEN = { worker: true, serve: false } as const;

/**
 * Ctrl-C while `evtui metric` or `evtui sql` runs its query: the query stops,
 * the command ends with "query cancelled" and exit 130.
 *
 * On a server the query is cancelled on the server (the signal reaches
 * pg_cancel_backend, see PgDb.transaction), instead of running on there.
 *
 * PGlite cannot cancel a statement. It runs synchronously on the thread that
 * owns it: PostgreSQL would stop at its next interrupt check once its
 * QueryCancelPending flag is set, but nothing can set it while the engine
 * runs, since no JavaScript runs on that thread until the statement returns
 * (a CPU-bound query calls out to JavaScript not even for I/O), its memory
 * is not shared with any other thread, and its statement_timeout is a
 * setTimeout that fires only afterwards too. So the CLI opens the embedded
 * database on a worker thread (CANCELLABLE_OPEN), this thread stays free to
 * take the signal, and Ctrl-C ends the worker: the statement stops at once.
 * A read-only statement has nothing to undo; closing the database then opens
 * the directory once more and shuts it down cleanly, so the next command
 * finds it as a clean close leaves it (PgliteWorkerDb.close). A second
 * Ctrl-C during that second ends the process at once (the directory then
 * recovers on its next open, as after any kill).
 */
export async function cancellableOnCtrlC<T>(db: Db, fn: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  const cancelled = new UserError('query cancelled', EXIT.interrupted, 'cancelled');
  if (db.kind !== 'server' && !interruptible(db)) return fn(undefined);
  const ac = new AbortController();
  const onSigint = () => {
    ac.abort();
    if (interruptible(db)) void db.interrupt(cancelled);
  };
  process.once('SIGINT', onSigint);
  try {
    return await fn(ac.signal);
  } catch (err) {
    if (ac.signal.aborted && (err as { code?: string }).code === 'cancelled') throw cancelled;
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
