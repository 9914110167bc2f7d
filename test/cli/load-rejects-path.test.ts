import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadSource } from '../../src/ingest/load.js';
import { createTestDb } from '../helpers/db.js';
import { BIN, evtui } from '../ingest/cli-helpers.js';
import { ev, jsonl, scratchDir, writeInput } from '../ingest/helpers.js';

/**
 * --rejects never names the input: opening the rejects file truncates it, and
 * an input that is also the rejects file was destroyed while it was read.
 */
const dir = scratchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Every line is a reject, so the rejects file is written from the first batch on.
const content = jsonl(Array.from({ length: 2000 }, () => ev({ event_time: 'not a time' })));

function refused(r: { status: number | null; stdout: string; stderr: string }, input: string, before: string) {
  expect(r.status).toBe(2);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^evtui: the rejects file .* is the input .*: writing it would destroy the input; choose another --rejects path\n$/);
  expect(r.stdout).toBe('');
  expect(fs.readFileSync(input, 'utf8')).toBe(before);
}

it('refuses --rejects that is the input by the same path, another spelling, a symlink or a hard link, and leaves the input whole', () => {
  const input = writeInput(dir, content, 'in.jsonl');
  fs.symlinkSync(input, path.join(dir, 'sym.jsonl'));
  fs.linkSync(input, path.join(dir, 'hard.jsonl'));
  for (const rejects of [input, './in.jsonl', `${dir}/../${path.basename(dir)}/in.jsonl`, 'sym.jsonl', 'hard.jsonl']) {
    refused(evtui(['--memory', 'load', 'in.jsonl', '--rejects', rejects], { cwd: dir }), input, content);
  }
  // any one of several sources, even when it is not the first
  const other = writeInput(dir, jsonl([ev()]), 'first.jsonl');
  refused(evtui(['--memory', 'load', other, 'in.jsonl', '--rejects', 'hard.jsonl'], { cwd: dir }), input, content);
  expect(fs.existsSync(`${other}.rejects.jsonl`)).toBe(false);
});

it('refuses --rejects that is the file stdin is redirected from', () => {
  const input = writeInput(dir, content, 'stdin.jsonl');
  const fd = fs.openSync(input, 'r');
  try {
    const r = spawnSync(process.execPath, [BIN, '--memory', 'load', '-', '--rejects', input], { stdio: [fd, 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
    refused({ status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() }, input, content);
  } finally {
    fs.closeSync(fd);
  }
});

it('loadSource refuses it too (the UI loads through it), and a different file is fine', async () => {
  const input = writeInput(dir, content, 'api.jsonl');
  fs.linkSync(input, path.join(dir, 'api-link.jsonl'));
  const t = await createTestDb('embedded');
  const db = t.db;
  try {
    await expect(loadSource(db, input, { rejectsPath: path.join(dir, 'api-link.jsonl') })).rejects.toThrow(/is the input/);
    expect(fs.readFileSync(input, 'utf8')).toBe(content);
    const r = await loadSource(db, input, { rejectsPath: path.join(dir, 'elsewhere.jsonl') });
    expect(r).toMatchObject({ lines: 2000, rejected: 2000 });
    expect(fs.readFileSync(input, 'utf8')).toBe(content);
  } finally {
    await t.close();
  }
});
