import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

/**
 * The process that holds an embedded data directory serves it to other evtui
 * processes (a load in a second terminal while the UI is open) over the
 * PostgreSQL protocol, on a Unix socket in the directory itself: named as a
 * server's socket (`.s.PGSQL.5432`), so any PostgreSQL client reaches it with
 * host set to the directory, and only those who may read the directory can.
 *
 * PGlite is one session. Its holder's own statements and every client's share
 * it, so they take turns: whoever opens a transaction (or an extended-protocol
 * exchange, Parse … Sync) keeps the session until it ends, and the others
 * wait; a client that goes away mid-transaction is rolled back.
 */
export const SOCKET_NAME = '.s.PGSQL.5432';
/** Unix socket paths are limited to about 100 bytes; a deeper directory is not served. */
const MAX_SOCKET_PATH = 100;

export function socketPath(dataDir: string): string {
  return path.join(dataDir, SOCKET_NAME);
}

type Who = 'holder' | number;

/** Turns on the one session: a unit runs when nobody owns the session, or its owner is the one asking. */
export class Turns {
  private owner: Who | null = null;
  private waiting: { who: Who; run: () => Promise<boolean> }[] = [];
  private busy = false;

  constructor(private readonly db: PGlite) {}

  /** Runs fn in turn; `keep` says whether who keeps the session after it (besides an open transaction). */
  run<T>(who: Who, fn: () => Promise<T>, keep: (value: T) => boolean = () => false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        who,
        run: () =>
          fn().then(
            (v) => {
              resolve(v);
              return keep(v);
            },
            (err: unknown) => {
              reject(err);
              return false;
            },
          ),
      });
      void this.pump();
    });
  }

  get length(): number {
    return this.waiting.length;
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (;;) {
        const i = this.waiting.findIndex((w) => this.owner === null || w.who === this.owner);
        if (i < 0) break;
        const [w] = this.waiting.splice(i, 1);
        const keep = await w!.run();
        this.owner = keep || this.db.isInTransaction() ? w!.who : null;
      }
    } finally {
      this.busy = false;
    }
  }

  /** A client gone: its waiting units dropped, its open transaction rolled back, the session free. */
  async release(who: number): Promise<void> {
    this.waiting = this.waiting.filter((w) => w.who !== who);
    if (this.owner !== who) return;
    await this.run(who, async () => {
      if (this.db.isInTransaction()) await this.db.exec('rollback');
    }).catch(() => {});
    if (this.owner === who) this.owner = null;
    void this.pump();
  }
}

/** Extended-protocol messages before Sync: the exchange is not over, so the client keeps its turn. */
const MID_EXCHANGE = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

/**
 * Starts serving `db` on the directory's socket. A socket file already there
 * is stale (this process holds the directory's lock) and is replaced.
 * Returns the socket's path, or null where the path is too long to serve.
 */
export async function serve(db: PGlite, turns: Turns, dataDir: string): Promise<{ path: string; stop: () => Promise<void> } | null> {
  const file = socketPath(path.resolve(dataDir));
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH) return null;
  fs.rmSync(file, { force: true });
  // The handler's queue, kept in step with the holder's own statements through `turns`.
  const queue = {
    enqueue: (id: number, message: Uint8Array, onData: (data: Uint8Array) => void) =>
      turns.run(
        id,
        () => db.runExclusive(() => db.execProtocolRawStream(message, { onRawData: onData })).then(() => message[0]!),
        (type) => MID_EXCHANGE.has(type),
      ),
    clearQueueForHandler: () => {},
    clearTransactionIfNeeded: (id: number) => turns.release(id),
    getQueueLength: () => turns.length,
  };
  const handlers = new Set<PGLiteSocketHandler>();
  const server = net.createServer((socket) => {
    const handler = new PGLiteSocketHandler({ queryQueue: queue as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'], closeOnDetach: true });
    handlers.add(handler);
    handler.addEventListener('close', () => handlers.delete(handler));
    handler.addEventListener('error', () => handlers.delete(handler));
    handler.attach(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => {
      server.off('error', reject);
      resolve();
    });
  });
  fs.chmodSync(file, 0o600);
  return {
    path: file,
    stop: async () => {
      for (const h of handlers) await h.detach(true).catch(() => {});
      await new Promise<void>((r) => server.close(() => r()));
      fs.rmSync(file, { force: true });
    },
  };
}
