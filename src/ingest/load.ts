import { performance } from 'node:perf_hooks';
import type { Db } from '../db/types.js';
import { UserError } from '../errors.js';
import { makeContract } from './contract.js';
import { LineSplitter, type Line } from './reader.js';
import { RejectsWriter, recordFor, type RejectRecord } from './rejects.js';
import { resolveSource } from './source.js';
import type { LoadCounts, LoadOptions, LoadProgress, LoadResult } from './types.js';
import { Batch, BatchWriter, type BatchOutcome } from './writer.js';

/**
 * Measured on 300k generated events into the server (PK + two indexes, a busy
 * 2-CPU machine): 5k rows per batch 14.8 s, 20k 10.8 s, 50k 11.1 s. Past 20k
 * bigger batches only make progress coarser and memory larger.
 */
export const DEFAULT_BATCH_SIZE = 20_000;
/**
 * The embedded database takes smaller batches: its WASM heap grows to the
 * largest batch's working set and never gives it back. 1M events into PGlite
 * (shared_buffers 32 MB): 20k per batch 62-67 s at 327-375 MiB peak RSS, 10k
 * 57 s at 295 MiB, 5k 47-60 s at 272-313 MiB (BENCHMARKS.md, section 1a).
 */
export const EMBEDDED_BATCH_SIZE = 5_000;
/** A batch is also cut at this many bytes, so long lines keep memory bounded. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
/** Rejects held back to keep the file in line order, up to this much. */
const MAX_HELD_REJECT_BYTES = 8 * 1024 * 1024;
const PROGRESS_EVERY_MS = 100;

interface Pending {
  batch: Batch;
  rejects: RejectRecord[];
  rejectBytes: number;
}

/**
 * Loads one source (file path, `-` for stdin, or fixture name). Parsing of the
 * next batch overlaps with the database writing the previous ones; at most
 * writer.depth + 1 batches are in memory.
 */
export async function loadSource(db: Db, source: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const src = resolveSource(source);
  const batchSize = Math.max(1, opts.batchSize ?? (db.kind === 'embedded' ? EMBEDDED_BATCH_SIZE : DEFAULT_BATCH_SIZE));
  const validate = makeContract({ deriveIds: opts.deriveIds });
  const rejects = new RejectsWriter(opts.rejectsPath ?? src.defaultRejectsPath, {
    append: opts.rejectsAppend,
    source: opts.rejectsWithSource ? src.label : undefined,
  });
  const counts: LoadCounts = { lines: 0, inserted: 0, duplicates: 0, conflicts: 0, rejected: 0 };
  const t0 = performance.now();
  let bytesRead = 0;
  let lastProgress = 0;

  const progress = (force = false) => {
    if (!opts.onProgress) return;
    const now = performance.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    const elapsedSeconds = (now - t0) / 1000;
    const done = counts.inserted + counts.duplicates + counts.conflicts + counts.rejected;
    const p: LoadProgress = { ...counts, bytesRead, elapsedSeconds, eventsPerSecond: elapsedSeconds > 0 ? done / elapsedSeconds : 0 };
    if (src.totalBytes !== undefined) p.totalBytes = src.totalBytes;
    opts.onProgress(p);
  };

  const settle = (pending: Pending, outcome: BatchOutcome) => {
    counts.inserted += outcome.inserted;
    counts.duplicates += outcome.duplicates;
    for (const p of outcome.problems) {
      if (p.outcome === 'conflict') counts.conflicts++;
      else counts.rejected++;
    }
    // Merge the batch's conflicts with the rejects found while parsing it: the file stays in line order.
    const merged = [...pending.rejects, ...outcome.problems.map((p): RejectRecord => ({ ...p }))].sort((a, b) => a.line - b.line);
    for (const r of merged) rejects.add(r);
    rejects.flush();
  };

  const writer = new BatchWriter(db);
  let current: Pending = { batch: new Batch(), rejects: [], rejectBytes: 0 };
  /** Batches being written, oldest first; each settles after the one before it. */
  const inflight: Promise<void>[] = [];
  let settled: Promise<void> = Promise.resolve();
  let failure: unknown = null;

  const submit = async () => {
    while (inflight.length >= writer.depth) await inflight.shift();
    if (failure) throw failure;
    const pending = current;
    current = { batch: new Batch(), rejects: [], rejectBytes: 0 };
    const written = pending.batch.size > 0 ? writer.write(pending.batch) : Promise.resolve({ inserted: 0, duplicates: 0, problems: [] });
    const before = settled;
    settled = written
      .then(async (o) => {
        await before;
        if (!failure) settle(pending, o);
      })
      .catch((err: unknown) => {
        failure ??= err;
      });
    inflight.push(settled);
  };

  const handle = (line: Line) => {
    counts.lines++;
    if (line.kind !== 'text') {
      reject(recordFor(line, line.kind === 'too_long' ? 'line is longer than 1 MiB' : 'line is not valid UTF-8'));
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      reject(recordFor(line, 'not valid JSON'));
      return;
    }
    const v = validate(value);
    if (!v.ok) reject(recordFor(line, v.reason));
    else current.batch.add(line.lineNo, v.event, line.bytes);
  };

  const reject = (r: RejectRecord) => {
    counts.rejected++;
    current.rejects.push(r);
    current.rejectBytes += r.raw.length;
    if (current.rejectBytes > MAX_HELD_REJECT_BYTES) {
      for (const x of current.rejects) rejects.add(x);
      rejects.flush();
      current.rejects = [];
      current.rejectBytes = 0;
    }
  };

  const splitter = new LineSplitter();
  const stream = src.open();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (opts.signal?.aborted) throw new UserError('load cancelled', 1, 'cancelled');
      bytesRead += chunk.length;
      // Cut at exactly batchSize lines: a chunk holds over a thousand lines.
      for (const line of splitter.push(chunk)) {
        handle(line);
        if (current.batch.size >= batchSize || current.batch.bytes >= MAX_BATCH_BYTES) await submit();
      }
      if (failure) throw failure;
      progress();
    }
    for (const line of splitter.end()) handle(line);
    await submit();
    await Promise.all(inflight);
    if (failure) throw failure;
  } finally {
    if (src.kind !== 'stdin') stream.destroy();
    // Let an in-flight batch finish (or fail) before reporting, so counts match what is stored.
    await Promise.all(inflight);
    rejects.close();
  }
  progress(true);
  return {
    ...counts,
    rejectsFile: rejects.written > 0 ? rejects.path : null,
    seconds: Math.round(performance.now() - t0) / 1000,
    source: src.label,
  };
}
