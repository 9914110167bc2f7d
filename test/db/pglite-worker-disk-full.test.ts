import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { PGLITE_TEMPLATE_DIR } from '../../src/db/pglite.js';
import type { Db } from '../../src/db/types.js';
import { mountTmpfs, sizeMb, type Tmpfs } from '../helpers/tmpfs.js';

// The worker thread is compiled JS: test the built module, as the UI runs it.
const built = '../../dist/src/db/open.js';
const { openDb } = (await import(built)) as typeof import('../../src/db/open.js');

/**
 * A full disk under the UI's embedded database, which runs on a worker thread
 * (docs/reliability.md): the thread stops at the first ENOSPC, the statement
 * and every later one reject with the one line, closing works, and with room
 * again the directory opens with every committed row.
 */
const fsys = mountTmpfs(sizeMb(PGLITE_TEMPLATE_DIR) + 8);
const skip = 'skip' in fsys ? fsys.skip : undefined;
if (skip) console.warn(`pglite-worker-disk-full: skipped: ${skip}`);
afterAll(() => {
  if (!skip) (fsys as Tmpfs).unmount();
});

const FULL = /^the disk holding the embedded database \S+ is full \(ENOSPC\): /;

it.skipIf(!!skip)('a full disk rejects the running statement and every later one with one line; the committed rows stay', async () => {
  const t = fsys as Tmpfs;
  const dir = path.join(t.dir, 'db');
  let db: Db = await openDb({ dataDir: dir }, { worker: true, serve: false });
  let committed = 0;
  let error: Error | undefined;
  try {
    await db.exec('create table filler (x text)');
    for (let i = 0; i < 200 && !error; i++) {
      await db.exec(`insert into filler select repeat(md5(g::text), 30) from generate_series(1, 1000) g`).then(
        () => (committed += 1000),
        (err: Error) => (error = err),
      );
    }
    expect(error?.message).toMatch(FULL);
    expect(committed).toBeGreaterThan(0);
    await expect(db.query('select 1')).rejects.toThrow(FULL);
  } finally {
    await db.close();
  }
  t.resize(512);
  db = await openDb({ dataDir: dir }, { worker: true, serve: false });
  try {
    const n = await db.query<{ n: number }>('select count(*)::int as n from filler');
    expect(n.rows[0]!.n).toBe(committed);
  } finally {
    await db.close();
  }
});
