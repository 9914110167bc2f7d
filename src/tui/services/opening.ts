import type { DbTarget } from '../../config.js';
import { describeTarget, openDb } from '../../db/open.js';
import { PendingDb } from '../../db/pending.js';
import type { Db } from '../../db/types.js';

/**
 * A database being opened, started before the UI's own modules load (Ink and
 * React take longer to import than PGlite takes to start on its thread), so
 * both happen at once. The boot screen shows its status and waits for it.
 */
export interface Opening {
  readonly db: Promise<Db>;
  /**
   * The database to show the screens with while it opens (every query waits
   * for it); null when opening first creates one, which gets a progress
   * screen of its own, or when another process holds it, so the screens do
   * not flash up before the message saying who holds it.
   */
  readonly early: Db | null;
  status(): string;
  /** Calls fn on every status change; returns the unsubscribe. */
  onStatus(fn: (message: string) => void): () => void;
}

export function startOpening(target: DbTarget): Opening {
  let status = 'opening the database…';
  const listeners = new Set<(message: string) => void>();
  const db = openDb(target, {
    worker: true,
    onStatus: (message) => {
      status = message;
      for (const fn of listeners) fn(message);
    },
  });
  // Seen by the boot screen; until then a failure must not count as unhandled.
  db.catch(() => {});
  const what = describeTarget(target);
  return {
    db,
    early: what.creates || what.held ? null : new PendingDb(what.kind, what.location, db),
    status: () => status,
    onStatus(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
