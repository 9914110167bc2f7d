import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { BIN, evtui } from '../ingest/cli-helpers.js';
import { ev, readRejects, scratchDir } from '../ingest/helpers.js';

/**
 * Hostile lines through the built CLI (on the embedded database, parsed on
 * the load's own thread): each rejected with its line and reason, the load
 * going on; and a single 100 MB line rejected without being held whole.
 */
const dir = scratchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const RSS_HOOK = path.resolve(import.meta.dirname, '..', 'helpers', 'max-rss.mjs');

/** evtui with its peak resident memory (MiB). */
function measured(args: string[]) {
  const rssFile = path.join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, BIN, ...args], { env: { ...process.env, DATABASE_URL: '', EVTUI_MAX_RSS_FILE: rssFile } });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString(), rssMiB: Number(fs.readFileSync(rssFile, 'utf8')) / 1024 };
}

const line = (o: Record<string, unknown>) => JSON.stringify(ev(o));

for (const kind of backends()) {
  describe(`hostile input [${kind}]`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(kind, { dataDir: true });
    });
    afterAll(async () => {
      await t.close();
    });

    it('NUL bytes, invalid UTF-8, deep nesting, 1e400 and a key given twice: each rejected with its line, the rest loaded', () => {
      const good = ev();
      const rows: [Buffer, string][] = [
        [Buffer.from(line({ event_name: 'a\u0000b' })), 'event_name contains a control character'],
        [Buffer.from(line({ event_name: 'x' }).replace('"x"', '"x\0"')), 'not valid JSON'],
        [Buffer.from(line({ properties: { 'k\u0000': 1 } })), 'properties contains \\u0000'],
        [Buffer.concat([Buffer.from(line({}).slice(0, 30)), Buffer.from([0xff, 0xfe]), Buffer.from(line({}).slice(30))]), 'line is not valid UTF-8'],
        [Buffer.from(line({}).replace('}', `,"properties":{"a":${'['.repeat(7000)}${']'.repeat(7000)}}}`)), 'properties is nested deeper than 64 levels'],
        [Buffer.from(line({}).replace('}', ',"properties":{"total":1e400}}')), 'properties holds a number out of range: 1e400 (a 64-bit float holds magnitudes from 5e-324 to 1.8e308)'],
        [Buffer.from(line({}).replace('}', ',"user_id":"u2"}')), 'key "user_id" is given twice'],
        [Buffer.from(JSON.stringify(good)), ''],
      ];
      const file = path.join(dir, `hostile-${kind}.jsonl`);
      fs.writeFileSync(file, Buffer.concat(rows.flatMap(([b]) => [b, Buffer.from('\n')])));
      const r = evtui([...t.cliArgs, 'load', file, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(3);
      expect(JSON.parse(r.stdout)).toMatchObject({ lines: 8, inserted: 1, rejected: 7 });
      expect(readRejects(`${file}.rejects.jsonl`).map((x) => [x.line, x.reason])).toEqual(rows.slice(0, -1).map(([, why], i) => [i + 1, why]));
    });

    it('a single 100 MB line is rejected with its start kept, the next line loaded, and memory stays as for a small load', () => {
      const small = path.join(dir, `small-${kind}.jsonl`);
      fs.writeFileSync(small, line({}) + '\n');
      const base = measured([...t.cliArgs, 'load', small]);
      expect(base.status).toBe(0);

      const big = path.join(dir, `big-${kind}.jsonl`);
      const fd = fs.openSync(big, 'w');
      const head = line({}).replace('}', ',"properties":{"blob":"');
      fs.writeSync(fd, head);
      const mib = Buffer.alloc(1024 * 1024, 'x');
      for (let i = 0; i < 100; i++) fs.writeSync(fd, mib);
      fs.writeSync(fd, '"}}\n' + line({}) + '\n');
      fs.closeSync(fd);
      const r = measured([...t.cliArgs, 'load', big, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toMatchObject({ lines: 2, inserted: 1, rejected: 1 });
      const [rej] = readRejects(`${big}.rejects.jsonl`);
      expect(rej).toMatchObject({ line: 1, reason: 'line is longer than 1 MiB', raw_truncated: true });
      expect(Buffer.from(rej!.raw, 'base64').toString()).toBe((head + 'x'.repeat(1024)).slice(0, 1024));
      // holding the line whole would take at least its 100 MB; read chunks awaiting collection take some 30
      expect(r.rssMiB).toBeLessThan(base.rssMiB + 64);
      fs.rmSync(big);
    });
  });
}
