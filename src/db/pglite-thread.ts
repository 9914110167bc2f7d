/**
 * The worker side of PgliteWorkerDb: PGlite runs its queries synchronously on
 * whatever thread owns it, so the UI keeps it here, off the thread that reads
 * keys and draws frames. Messages are {id, op, ...}; replies {id, ok, value|error}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { diskFullMessage } from './disk-full.js';
import { blobCopySql, copyBlob, describeOn, pgliteOptions } from './pglite.js';
import { serve, Turns } from './serve.js';

interface Request {
  id: number;
  op: 'query' | 'exec' | 'copy' | 'describe' | 'close';
  sql?: string;
  params?: unknown[];
  data?: string | Uint8Array;
}

const port = parentPort!;
const { dataPath, dataDir, serveDir, forLoad } = workerData as { dataPath?: string; dataDir?: string; serveDir?: string; forLoad?: boolean };

let db: PGlite | undefined;
let turns: Turns | undefined;
let server: Awaited<ReturnType<typeof serve>> = null;
try {
  db = await PGlite.create(pgliteOptions(dataPath, undefined, stopThread, forLoad));
  turns = new Turns(db);
  // Other evtui processes reach the directory through this one (serve.ts); without it they are told it is in use.
  if (serveDir) server = await serve(db, turns, serveDir).catch(() => null);
  port.postMessage({ id: 0, ok: true, value: { serving: server?.path } });
} catch (err) {
  port.postMessage({ id: 0, ok: false, error: { message: (err as Error).message } });
}

/**
 * A full disk (disk-full.ts): the opener is told with the line, then this
 * thread ends at once, inside PGlite's call; a thread's process.exit ends
 * only the thread, and cannot be caught by the engine's loop.
 */
function stopThread(code: string): never {
  port.postMessage({ id: -1, ok: false, error: { message: diskFullMessage(dataDir ?? dataPath ?? '', code), code: 'disk_full' } });
  process.exit(1);
}

port.on('message', async (req: Request) => {
  try {
    if (!db || !turns) throw new Error('the embedded database did not open');
    const value = await turns.run('holder', () => run(db!, req));
    port.postMessage({ id: req.id, ok: true, value });
  } catch (err) {
    const e = err as { message?: string; code?: string; position?: string; detail?: string; hint?: string };
    port.postMessage({ id: req.id, ok: false, error: { message: e.message, code: e.code, position: e.position, detail: e.detail, hint: e.hint } });
  }
});

async function run(db: PGlite, req: Request): Promise<unknown> {
  let value: unknown;
  switch (req.op) {
    case 'query': {
      const r = await db.query(req.sql!, req.params ?? []);
      value = { rows: r.rows, fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) };
      break;
    }
    case 'exec':
      await db.exec(req.sql!);
      break;
    case 'describe':
      value = await describeOn(db, req.sql!);
      break;
    case 'copy':
      await db.query(blobCopySql(req.sql!), [], { blob: copyBlob(req.data ?? '') });
      break;
    case 'close':
      await server?.stop();
      await db.close();
      break;
  }
  return value;
}
