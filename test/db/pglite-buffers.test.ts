import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/open.js';

/**
 * The embedded database keeps PGlite's 128 MB of shared buffers when it is
 * opened to read (metrics with --where read the table's rows through them),
 * and 32 MB when `evtui load` opens it, so a long load's memory stays low.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-buffers-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function sharedBuffers(forLoad: boolean): Promise<string> {
  const db = await openDb({ dataDir: dir }, { forLoad });
  try {
    return (await db.query<{ shared_buffers: string }>('show shared_buffers')).rows[0]!.shared_buffers;
  } finally {
    await db.close();
  }
}

describe('embedded database buffers', () => {
  it('are 128 MB to read and 32 MB to load, on the same directory', async () => {
    expect(await sharedBuffers(false)).toBe('128MB');
    expect(await sharedBuffers(true)).toBe('32MB');
    expect(await sharedBuffers(false)).toBe('128MB');
  }, 60_000);
});
