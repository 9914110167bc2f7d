import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PGLITE_TEMPLATE, PgliteDb, pgliteOptions } from '../../src/db/pglite.js';
import { migrate } from '../../src/db/migrate.js';

/**
 * A database that does not exist yet starts from the build's template
 * (src/build/pglite-template.ts) instead of initdb; an existing one is opened
 * as it is, never overwritten.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-template-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!fs.existsSync(PGLITE_TEMPLATE))('embedded database template', () => {
  it('is used for a missing or empty directory and for memory, never for an existing database', () => {
    expect(pgliteOptions(undefined).loadDataDir).toBeInstanceOf(Blob);
    expect(pgliteOptions(path.join(dir, 'missing')).loadDataDir).toBeInstanceOf(Blob);
    fs.mkdirSync(path.join(dir, 'empty'));
    expect(pgliteOptions(path.join(dir, 'empty')).loadDataDir).toBeInstanceOf(Blob);
    fs.mkdirSync(path.join(dir, 'existing'));
    fs.writeFileSync(path.join(dir, 'existing', 'PG_VERSION'), '17\n');
    expect(pgliteOptions(path.join(dir, 'existing')).loadDataDir).toBeUndefined();
  });

  it('a new directory opened from it holds a working database that keeps its rows across opens', async () => {
    const dataDir = path.join(dir, 'db');
    const first = await PgliteDb.open({ dataDir });
    try {
      await migrate(first);
      await first.exec(`insert into events (event_id, event_name, event_time, user_id, properties)
        values ('00000000-0000-4000-8000-000000000001', 'signup', '2025-01-01T00:00:00Z', 'u1', '{}')`);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'))).toBe(true);
    const again = await PgliteDb.open({ dataDir });
    try {
      const r = await again.query<{ n: number }>('select count(*)::int as n from events');
      expect(r.rows[0]!.n).toBe(1);
    } finally {
      await again.close();
    }
  });
});
