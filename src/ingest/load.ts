import { performance } from 'node:perf_hooks';
import { noteOnStop } from '../db/disk-full.js';
import { deferIndexes, restoreIndexes } from '../db/indexes.js';
import type { Db } from '../db/types.js';
import { UserError } from '../errors.js';
import type { Unit } from './parse.js';
import { parsedUnits, parseThreadAvailable } from './parsed.js';
import { RejectsWriter, type RejectRecord } from './rejects.js';
import { assertRejectsNotInput, resolveSource } from './source.js';
import type { LoadCounts, LoadOptions, LoadProgress, LoadResult } from './types.js';
import { BatchWriter, isConnectionLoss, onCitus, type BatchOutcome } from './writer.js';

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
 * 57 s at 295 MiB, 5k 47-60 s at 272-313 MiB (docs/performance.md).
 */
export const EMBEDDED_BATCH_SIZE = 5_000;
/**
 * On Citus a batch costs a lookup on every shard and an INSERT routed through
 * the coordinator, whatever its size. ~200k events into the local cluster
 * (32 shards, 2 workers), 3 runs each interleaved: 20k per batch 13.3-15.8 s,
 * 50k 9.6-10.7 s (docs/scaling.md).
 */
export const CITUS_BATCH_SIZE = 50_000;
const PROGRESS_EVERY_MS = 100;

/**
 * After a load that inserted rows: VACUUM sets the visibility map, so the
 * metrics' index-only scans skip the heap, and ANALYZE gives the planner the
 * table's new size and distributions. PGlite has no autovacuum, and a
 * server's comes minutes later, if at all. On 1M events just loaded into
 * PGlite (the 1M benchmark file): churn 2.4 s as loaded, 5.1 s after ANALYZE
 * alone, 0.6 s after both; retention did not finish in 10 minutes as loaded
 * (plans from default estimates), 0.3 s after; the VACUUM (ANALYZE) itself
 * took 1.1 s (docs/performance.md). skip_locked: if another session is vacuuming
 * the table, that one does the work.
 */
export async function refreshTableState(db: Db): Promise<void> {
  await db.exec('vacuum (analyze, skip_locked) events');
}

/**
 * Loads one source (file path, `-` for stdin, or fixture name). Parsing of the
 * next batch overlaps with the database writing the previous ones; at most
 * writer.depth batches are being written and a few more parsed ahead.
 *
 * On the embedded database the input is parsed on a thread of its own
 * (parsed.ts): PGlite runs on this thread, and parsing here took turns with
 * it (~3 s of a 25 s load of 1M events went to parsing). The server
 * works in processes of its own, and there the extra thread only competed
 * with them for two CPUs (a 1M reload 5.4 s -> 5.9 s), so parsing stays here.
 */
export async function loadSource(db: Db, source: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const src = resolveSource(source);
  const serverBatch = db.kind === 'server' && opts.batchSize === undefined && (await onCitus(db)) ? CITUS_BATCH_SIZE : DEFAULT_BATCH_SIZE;
  const batchSize = Math.max(1, opts.batchSize ?? (db.kind === 'embedded' ? EMBEDDED_BATCH_SIZE : serverBatch));
  const rejectsPath = opts.rejectsPath ?? src.defaultRejectsPath;
  assertRejectsNotInput(src, rejectsPath);
  const rejects = new RejectsWriter(rejectsPath, {
    append: opts.rejectsAppend,
    source: opts.rejectsWithSource ? src.label : undefined,
  });
  const counts: LoadCounts = { lines: 0, inserted: 0, duplicates: 0, conflicts: 0, rejected: 0 };
  const t0 = performance.now();
  let bytesRead = 0;
  let lastProgress = 0;

  const progress = (force = false, stage?: LoadProgress['stage']) => {
    if (!opts.onProgress) return;
    const now = performance.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    const elapsedSeconds = (now - t0) / 1000;
    const done = counts.inserted + counts.duplicates + counts.conflicts + counts.rejected;
    const p: LoadProgress = { ...counts, bytesRead, elapsedSeconds, eventsPerSecond: elapsedSeconds > 0 ? done / elapsedSeconds : 0 };
    if (src.totalBytes !== undefined) p.totalBytes = src.totalBytes;
    if (stage) p.stage = stage;
    opts.onProgress(p);
  };

  const settle = (unit: Unit, outcome: BatchOutcome) => {
    counts.inserted += outcome.inserted;
    counts.duplicates += outcome.duplicates;
    for (const p of outcome.problems) {
      if (p.outcome === 'conflict') counts.conflicts++;
      else counts.rejected++;
    }
    // Merge the batch's conflicts with the rejects found while parsing it: the file stays in line order.
    const merged = [...unit.rejects, ...outcome.problems.map((p): RejectRecord => ({ ...p }))].sort((a, b) => a.line - b.line);
    for (const r of merged) rejects.add(r);
    rejects.flush();
    unit.recycle?.();
    progress();
  };

  const writer = new BatchWriter(db);
  /** Batches being written, oldest first; each settles after the one before it. */
  const inflight: Promise<void>[] = [];
  let settled: Promise<void> = Promise.resolve();
  let failure: unknown = null;

  const submit = async (unit: Unit) => {
    while (inflight.length >= writer.depth) await inflight.shift();
    if (failure) throw failure;
    const written = unit.batch.size > 0 ? writer.write(unit.batch) : Promise.resolve({ inserted: 0, duplicates: 0, problems: [] });
    const before = settled;
    settled = written
      .then(async (o) => {
        await before;
        if (!failure) settle(unit, o);
      })
      .catch((err: unknown) => {
        failure ??= err;
      });
    inflight.push(settled);
  };

  // Into an empty embedded database, the secondary indexes are built once at
  // the end instead of row by row (db/indexes.ts); the primary key stays, so
  // duplicates and conflicts are found as always.
  const deferred = db.kind === 'embedded' && (await deferIndexes(db));
  // A full disk stops the embedded database where it stands (db/disk-full.ts); its line then says how far this load got.
  const unnote = noteOnStop(() => writtenNote(counts));
  const units = parsedUnits(src, {
    batchSize,
    deriveIds: opts.deriveIds,
    now: Date.now(),
    thread: opts.thread ?? (db.kind === 'embedded' && parseThreadAvailable()),
  });
  try {
    try {
      for await (const unit of units) {
        if (opts.signal?.aborted) throw new UserError('load cancelled', 1, 'cancelled');
        counts.lines += unit.lines;
        counts.rejected += unit.rejects.length;
        bytesRead = unit.bytesRead;
        await submit(unit);
        if (failure) throw failure;
        progress();
      }
      await Promise.all(inflight);
      if (failure) throw failure;
    } finally {
      // Leaving the loop has stopped the parsing. Let an in-flight batch finish (or fail) before reporting, so counts match what is stored.
      await Promise.all(inflight);
      rejects.close();
      unnote();
      if (deferred) {
        progress(true, 'indexing');
        // after a failure or a cancel too; if this fails as well, the next open builds them
        await restoreIndexes(db).catch((err: unknown) => {
          failure ??= err;
        });
      }
    }
    if (failure) throw failure;
  } catch (err) {
    throw explainLoss(err, counts);
  }
  if (counts.inserted > 0) {
    progress(true, 'analyzing');
    // Every line is written: a server lost now costs only the refresh, which its autovacuum does later.
    await refreshTableState(db).catch((err: unknown) => {
      if (!isConnectionLoss(err)) throw err;
    });
  }
  progress(true);
  return {
    ...counts,
    rejectsFile: rejects.written > 0 ? rejects.path : null,
    seconds: Math.round(performance.now() - t0) / 1000,
    source: src.label,
  };
}

/**
 * A server that stayed away through every retry of a batch: one line saying
 * what is stored and what to do. Batches commit whole and a rerun counts the
 * stored lines as duplicates, so running the same load again finishes it.
 */
function explainLoss(err: unknown, counts: LoadCounts): unknown {
  if (!isConnectionLoss(err)) return err;
  const cause = ((err as Error).message ?? String(err)).split('\n')[0]!;
  return new UserError(`the load stopped: ${cause}; ${writtenNote(counts)}`, 1, 'load_connection_lost');
}

/** How far a load that stopped got: batches commit whole, and a rerun counts the stored lines as duplicates. */
function writtenNote(counts: LoadCounts): string {
  const written = counts.inserted + counts.duplicates + counts.conflicts;
  return `${written.toLocaleString('en-US')} lines were written before it, in whole batches; run the same load again to finish it`;
}
