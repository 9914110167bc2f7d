import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { UsageError, UserError } from '../errors.js';
import { FIXTURES_DIR } from '../paths.js';

/** Where a load reads from: a file, stdin (`-`), or a shipped fixture by name. */
export interface ResolvedSource {
  kind: 'file' | 'stdin' | 'fixture';
  /** As the user named it. */
  label: string;
  path: string | null;
  totalBytes?: number;
  /** Beside a file; in the working directory for stdin and fixtures (never inside the package). */
  defaultRejectsPath: string;
  open(): Readable;
  /** Files and fixtures: an open descriptor, for the parsing thread to read (the caller closes it). */
  openFd?(): number;
}

const FIXTURE_NAME_RE = /^[a-z0-9][a-z0-9_-]*$/i;

export function fixturePath(name: string): string | null {
  if (!FIXTURE_NAME_RE.test(name)) return null;
  const p = path.join(FIXTURES_DIR, `${name}.jsonl`);
  return fs.existsSync(p) ? p : null;
}

export function resolveSource(source: string, cwd = process.cwd()): ResolvedSource {
  if (source === '-') {
    return { kind: 'stdin', label: '-', path: null, defaultRejectsPath: path.join(cwd, 'stdin.rejects.jsonl'), open: () => process.stdin };
  }
  const asFile = path.resolve(cwd, source);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(asFile);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) throw new UserError(`${source} is a directory, not a JSONL file`);
  if (stat) {
    return {
      kind: 'file',
      label: source,
      path: asFile,
      totalBytes: stat.size,
      defaultRejectsPath: `${asFile}.rejects.jsonl`,
      open: () => openFile(asFile, source),
      openFd: () => openFd(asFile, source),
    };
  }
  const fx = fixturePath(source);
  if (fx) {
    return {
      kind: 'fixture',
      label: source,
      path: fx,
      totalBytes: fs.statSync(fx).size,
      defaultRejectsPath: path.join(cwd, `${source}.rejects.jsonl`),
      open: () => openFile(fx, source),
      openFd: () => openFd(fx, source),
    };
  }
  throw new UserError(`no such file or fixture: ${source} (evtui fixtures lists the fixtures)`);
}

const cannotRead = (label: string, err: unknown) => new UserError(`cannot read ${label}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);

function openFile(p: string, label: string): Readable {
  try {
    fs.accessSync(p, fs.constants.R_OK);
  } catch (err) {
    throw cannotRead(label, err);
  }
  return fs.createReadStream(p, { highWaterMark: 256 * 1024 });
}

function openFd(p: string, label: string): number {
  try {
    return fs.openSync(p, 'r');
  } catch (err) {
    throw cannotRead(label, err);
  }
}

/** The file a source reads: a path's, or stdin's when it is redirected from a file. */
function inputStat(src: ResolvedSource): fs.Stats | undefined {
  try {
    if (src.path) return fs.statSync(src.path);
    return src.kind === 'stdin' ? fs.fstatSync(0) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Refuses a rejects path that is the input itself under any name (the same
 * path, a symlink, a hard link, stdin redirected from it): the rejects file is
 * truncated when it opens, which would destroy the input while it is read.
 * Compared by device and inode, which every name of one file shares.
 */
export function assertRejectsNotInput(src: ResolvedSource, rejectsPath: string): void {
  const input = inputStat(src);
  if (!input?.isFile()) return;
  let out: fs.Stats;
  try {
    out = fs.statSync(rejectsPath);
  } catch {
    return; // not there yet: a new file cannot be the input
  }
  if (out.dev === input.dev && out.ino === input.ino) {
    throw new UsageError(`the rejects file ${rejectsPath} is the input ${src.label}: writing it would destroy the input; choose another --rejects path`);
  }
}
