import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/db/lock.js';
import { evtui, evtuiAsync, sleep, withDbOf } from '../ingest/cli-helpers.js';
import { jsonl, ev, scratchDir, writeInput } from '../ingest/helpers.js';

/**
 * SPEC §2: PGlite has one writer, so an embedded directory is held by one
 * evtui process; a second one fails at once with one clear line (or is
 * served by the holder) and no row is lost; a lock left by a killed process
 * is taken over.
 */
const dir = scratchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const count = (dataDir: string) =>
  withDbOf(['--data-dir', dataDir], async (db) => (await db.query<{ n: number }>('select count(*)::int8 as n from events')).rows[0]!.n);

describe('embedded directory lock', () => {
  it('a second evtui on a held directory gets one clear line at once, and no row is lost', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-lock-'));
    try {
      const holder = evtuiAsync(['--data-dir', dataDir, 'load', 'saas-90d', '--batch-size', '2000', '--format', 'json']);
      const t0 = Date.now();
      while (!fs.existsSync(path.join(dataDir, LOCK_FILE)) && Date.now() - t0 < 30_000) await sleep(20);
      const small = writeInput(dir, jsonl([ev({ user_id: 'second' }), ev({ user_id: 'second' })]));
      const started = Date.now();
      const second = evtui(['--data-dir', dataDir, 'load', small, '--format', 'json']);
      const took = Date.now() - started;
      const first = await holder.done;
      expect(first.status).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ inserted: 50334 });
      if (second.status === 1) {
        expect(second.stderr).toMatch(new RegExp(`^evtui: the embedded database ${dataDir} is in use by evtui process \\d+ .*\\n$`));
        expect(second.stderr.split('\n')).toHaveLength(2);
        expect(took).toBeLessThan(5000);
        expect(await count(dataDir)).toBe(50334);
      } else {
        // Served through the holder: both loads are stored in full.
        expect(second.status).toBe(0);
        expect(await count(dataDir)).toBe(50336);
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a lock left by a dead process is taken over', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-lock-'));
    try {
      const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim();
      fs.writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: Number(dead), hostname: os.hostname(), startedAt: '2025-01-01T00:00:00.000Z' }));
      const r = evtui(['--data-dir', dataDir, 'load', 'churn-demo', '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ inserted: 18 });
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false); // released on exit
      expect(await count(dataDir)).toBe(18);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
