import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PGLITE_TEMPLATE, PGLITE_TEMPLATE_DIR, PgliteDb, pgliteOptions } from '../../src/db/pglite.js';
import { migrate } from '../../src/db/migrate.js';

/**
 * A database that does not exist yet starts from the build's template
 * (src/build/pglite-template.ts) instead of initdb; an existing one is opened
 * as it is, never overwritten.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-template-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!fs.existsSync(PGLITE_TEMPLATE) || !fs.existsSync(PGLITE_TEMPLATE_DIR))('embedded database template', () => {
  it('is copied into a missing or empty directory, is the tarball in memory, and never touches an existing database', () => {
    expect(pgliteOptions(undefined).loadDataDir).toBeInstanceOf(Blob);
    for (const name of ['missing', 'empty']) {
      const p = path.join(dir, name, 'pgdata');
      if (name === 'empty') fs.mkdirSync(p, { recursive: true });
      const o = pgliteOptions(p);
      expect(o.loadDataDir).toBeUndefined();
      expect(fs.readFileSync(path.join(p, 'PG_VERSION'), 'utf8')).toBe(fs.readFileSync(path.join(PGLITE_TEMPLATE_DIR, 'PG_VERSION'), 'utf8'));
      expect(fs.readdirSync(path.join(dir, name))).toEqual(['pgdata']); // no copy left beside it
    }
    fs.mkdirSync(path.join(dir, 'existing'));
    fs.writeFileSync(path.join(dir, 'existing', 'PG_VERSION'), '17\n');
    expect(pgliteOptions(path.join(dir, 'existing')).loadDataDir).toBeUndefined();
    expect(fs.readdirSync(path.join(dir, 'existing'))).toEqual(['PG_VERSION']);
  });

  it('a copy cut short is cleared away the next time, and the database is made whole', () => {
    const p = path.join(dir, 'cut', 'pgdata');
    fs.mkdirSync(`${p}.copying-99999`, { recursive: true });
    fs.writeFileSync(`${p}.copying-99999/PG_VERSION`, 'half');
    pgliteOptions(p);
    expect(fs.readdirSync(path.join(dir, 'cut'))).toEqual(['pgdata']);
    expect(fs.existsSync(path.join(p, 'global'))).toBe(true);
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
