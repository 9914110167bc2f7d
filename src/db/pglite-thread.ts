/**
 * The worker side of PgliteWorkerDb: PGlite runs its queries synchronously on
 * whatever thread owns it, so the UI keeps it here, off the thread that reads
 * keys and draws frames. Messages are {id, op, ...}; replies {id, ok, value|error}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { blobCopySql, copyBlob, describeOn, pgliteOptions } from './pglite.js';

interface Request {
  id: number;
  op: 'query' | 'exec' | 'copy' | 'describe' | 'close';
  sql?: string;
  params?: unknown[];
  data?: string | Uint8Array;
}

const port = parentPort!;
const { dataPath } = workerData as { dataPath?: string };

let db: PGlite | undefined;
try {
  db = await PGlite.create(pgliteOptions(dataPath));
  port.postMessage({ id: 0, ok: true });
} catch (err) {
  port.postMessage({ id: 0, ok: false, error: { message: (err as Error).message } });
}

port.on('message', async (req: Request) => {
  try {
    if (!db) throw new Error('the embedded database did not open');
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
        await db.close();
        break;
    }
    port.postMessage({ id: req.id, ok: true, value });
  } catch (err) {
    const e = err as { message?: string; code?: string; position?: string; detail?: string; hint?: string };
    port.postMessage({ id: req.id, ok: false, error: { message: e.message, code: e.code, position: e.position, detail: e.detail, hint: e.hint } });
  }
});
