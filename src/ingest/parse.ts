import { makeLineJudge } from './contract.js';
import { LineSplitter, type Line } from './reader.js';
import { recordFor, type RejectRecord } from './rejects.js';
import { Batch } from './writer.js';

/**
 * Turns input bytes into units of work for the writer: the valid events of up
 * to batchSize lines as one Batch, with the lines of the same stretch that
 * broke the contract. Runs on the parsing thread (parse-thread.ts) or, where
 * that is not built, in the loading thread itself; either way the same code.
 */
export interface Unit {
  batch: Batch;
  /** Rejects found while parsing this stretch of lines, in line order. */
  rejects: RejectRecord[];
  /** Non-blank lines in the stretch (valid and rejected). */
  lines: number;
  /** Input bytes read when the unit was cut. */
  bytesRead: number;
  /** Called once the batch is written: its buffers serve a later batch. */
  recycle?: () => void;
}

export interface ParseOptions {
  batchSize: number;
  deriveIds?: boolean;
  /** The moment of ingestion (the contract's "at most 24 hours ahead"): the load's, wherever it parses. */
  now: number;
}

/** A batch is also cut at this many bytes, so long lines keep memory bounded. */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;
/** Rejects held for one unit, up to this much; then the unit is cut (the rejects file stays in line order). */
const MAX_HELD_REJECT_BYTES = 8 * 1024 * 1024;
const MAX_POOLED = 8;

export class Parser {
  private readonly splitter = new LineSplitter();
  private readonly judge: ReturnType<typeof makeLineJudge>;
  private cur: Unit = { batch: new Batch(), rejects: [], lines: 0, bytesRead: 0 };
  private rejectBytes = 0;
  private bytesRead = 0;
  private out: Unit[] = [];
  /** Buffers of written batches, for the next ones. */
  private readonly pool: Buffer[] = [];

  constructor(private readonly opts: ParseOptions) {
    this.judge = makeLineJudge({ deriveIds: opts.deriveIds, now: opts.now });
  }

  /** Feeds one chunk; returns the units it completed. */
  push(chunk: Buffer): Unit[] {
    this.out = [];
    this.bytesRead += chunk.length;
    // Cut at exactly batchSize lines: a chunk holds over a thousand lines.
    for (const line of this.splitter.push(chunk)) {
      this.handle(line);
      const b = this.cur.batch;
      if (b.size >= this.opts.batchSize || b.bytes >= MAX_BATCH_BYTES || this.rejectBytes >= MAX_HELD_REJECT_BYTES) this.cut();
    }
    return this.out;
  }

  /** The end of the input: the last unit, if it holds any line. */
  end(): Unit[] {
    this.out = [];
    for (const line of this.splitter.end()) this.handle(line);
    if (this.cur.lines > 0) this.cut();
    return this.out;
  }

  /** Takes back the buffers of a written batch (a few are kept: as many as batches in flight). */
  recycle(bufs: Buffer[]): void {
    for (const b of bufs) if (this.pool.length < MAX_POOLED) this.pool.push(b);
  }

  private cut(): void {
    this.cur.bytesRead = this.bytesRead;
    this.out.push(this.cur);
    this.cur = { batch: new Batch(this.pool.pop(), this.pool.pop()), rejects: [], lines: 0, bytesRead: 0 };
    this.rejectBytes = 0;
  }

  private handle(line: Line): void {
    this.cur.lines++;
    if (line.kind !== 'text') {
      this.reject(recordFor(line, line.kind === 'too_long' ? 'line is longer than 1 MiB' : 'line is not valid UTF-8'));
      return;
    }
    const v = this.judge(line.text);
    if (!v.ok) this.reject(recordFor(line, v.reason));
    else this.cur.batch.add(line.lineNo, v.event, line.bytes);
  }

  private reject(r: RejectRecord): void {
    this.cur.rejects.push(r);
    this.rejectBytes += r.raw.length;
  }
}
