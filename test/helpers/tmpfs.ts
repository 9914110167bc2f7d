import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A small filesystem of the test's own, to fill up: a tmpfs of `mb` MiB
 * mounted on a fresh temporary directory. Mounting needs root (CI runs as
 * root); where it is not permitted, `skip` says why in one line.
 */
export interface Tmpfs {
  dir: string;
  resize(mb: number): void;
  unmount(): void;
}

export function mountTmpfs(mb: number): Tmpfs | { skip: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtui-tmpfs-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'evtui-test', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { skip: `cannot mount a tmpfs here (${(r.error?.message ?? r.stderr).trim() || `mount exited ${r.status}`})` };
  }
  return {
    dir,
    resize(size: number) {
      const x = spawnSync('mount', ['-o', `remount,size=${size}m`, dir], { encoding: 'utf8' });
      if (x.status !== 0) throw new Error(`remount ${dir}: ${x.stderr}`);
    },
    unmount() {
      spawnSync('umount', ['-l', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Disk usage of a directory, in MiB, rounded up. */
export function sizeMb(dir: string): number {
  const r = spawnSync('du', ['-sm', dir], { encoding: 'utf8' });
  return Number(r.stdout.split('\t')[0]);
}
