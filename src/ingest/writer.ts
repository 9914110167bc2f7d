import type { Db, Session } from '../db/types.js';
import { CLASSIFY_SQL, COPY_SQL, DIFF_SQL, INSERT_SQL, STAGE_DDL } from './batch-sql.js';
import type { ValidEvent } from './contract.js';

/**
 * Writes valid events in batches, each batch one transaction: COPY into a
 * temporary staging table, one INSERT ... ON CONFLICT DO NOTHING, then every
 * staged line that was not inserted is compared with the stored row (same
 * content: duplicate; different: conflict); or, once batches are mostly stored
 * already, the comparison first and the insert of the rest in one statement
 * (batch-sql.ts). A batch killed half-way leaves nothing, so a rerun sees
 * committed batches as duplicates and finishes the rest.
 */
export class Batch {
  // A batch is a few flat buffers rather than 10,000 strings: the GC does not
  // copy them around (GC was a third of the CPU time of a load), and a batch
  // built on the parsing thread moves to this one without a copy (toParts,
  // fromParts) and back again for reuse (release).
  private lineNos: number[] | Float64Array = [];
  /** Byte offset where each row's COPY text ends in `buf`. */
  private ends: number[] | Uint32Array = [];
  /** The raw input lines, one after another, for conflicts in the rejects file. */
  private rawEnds: number[] | Uint32Array = [];
  private len = 0;
  private rawLen = 0;

  /** Buffers of a written batch may be handed in for reuse (release()): no allocation per batch. */
  constructor(
    private buf: Buffer = EMPTY,
    private rawBuf: Buffer = EMPTY,
  ) {}

  add(lineNo: number, e: ValidEvent, raw: Buffer): void {
    const row = `${lineNo}\t${e.event_id}\t${copyText(e.event_name)}\t${e.event_time}\t${copyText(e.user_id)}\t${copyText(e.properties)}\n`;
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.len + row.length * 3 > this.buf.length) this.buf = grow(this.buf, this.len, this.len + row.length * 3);
    this.len += this.buf.write(row, this.len);
    if (this.rawLen + raw.length > this.rawBuf.length) this.rawBuf = grow(this.rawBuf, this.rawLen, this.rawLen + raw.length);
    this.rawLen += raw.copy(this.rawBuf, this.rawLen);
    (this.ends as number[]).push(this.len);
    (this.lineNos as number[]).push(lineNo);
    (this.rawEnds as number[]).push(this.rawLen);
  }

  /** Line numbers, ascending. */
  get lines(): ArrayLike<number> {
    return this.lineNos;
  }

  get size(): number {
    return this.lineNos.length;
  }

  /** Memory held, for cutting batches. */
  get bytes(): number {
    return this.len + this.rawLen;
  }

  /** COPY text of rows [lo, hi), as UTF-8: a view into the batch, never a copy. */
  copyData(lo: number, hi: number): Uint8Array {
    return this.buf.subarray(lo === 0 ? 0 : this.ends[lo - 1]!, this.ends[hi - 1]!);
  }

  raw(i: number): string {
    if (i < 0 || i >= this.size) return '';
    return this.rawBuf.toString('utf8', i === 0 ? 0 : this.rawEnds[i - 1]!, this.rawEnds[i]!);
  }

  /**
   * A copy of the batch in buffers of their exact size, to transfer to
   * another thread: there the COPY text goes to PGlite as it is (copyBlob in
   * db/pglite.ts), and this batch's own buffers can be released at once.
   */
  toParts(): { parts: BatchParts; transfer: ArrayBuffer[] } {
    const parts: BatchParts = {
      buf: exact(this.buf, this.len),
      rawBuf: exact(this.rawBuf, this.rawLen),
      lines: Float64Array.from(this.lineNos),
      ends: Uint32Array.from(this.ends),
      rawEnds: Uint32Array.from(this.rawEnds),
    };
    const transfer = [parts.buf, parts.rawBuf, parts.lines, parts.ends, parts.rawEnds].map((a) => a.buffer as ArrayBuffer);
    return { parts, transfer };
  }

  /** Once written (or copied by toParts): its buffers, for a next batch (this one is empty after). */
  release(): Buffer[] {
    const out = [this.buf, this.rawBuf].filter((b) => b !== EMPTY);
    this.buf = this.rawBuf = EMPTY;
    this.len = this.rawLen = 0;
    this.lineNos = [];
    this.ends = [];
    this.rawEnds = [];
    return out;
  }

  static fromParts(p: BatchParts): Batch {
    const b = new Batch();
    b.buf = Buffer.from(p.buf.buffer, p.buf.byteOffset, p.buf.byteLength);
    b.len = p.buf.byteLength;
    b.rawBuf = Buffer.from(p.rawBuf.buffer, p.rawBuf.byteOffset, p.rawBuf.byteLength);
    b.rawLen = p.rawBuf.byteLength;
    b.lineNos = p.lines;
    b.ends = p.ends;
    b.rawEnds = p.rawEnds;
    return b;
  }
}

export interface BatchParts {
  buf: Uint8Array;
  rawBuf: Uint8Array;
  lines: Float64Array;
  ends: Uint32Array;
  rawEnds: Uint32Array;
}

const EMPTY: Buffer = Buffer.alloc(0);

/** The first `len` bytes in an ArrayBuffer of their own. */
function exact(buf: Buffer, len: number): Buffer {
  const out = Buffer.allocUnsafeSlow(len);
  buf.copy(out, 0, 0, len);
  return out;
}

/** allocUnsafeSlow: never a slice of Node's shared pool, so the ArrayBuffer is the batch's own to transfer. */
function grow(buf: Buffer, used: number, need: number): Buffer {
  const next = Buffer.allocUnsafeSlow(Math.max(need, buf.length * 2, 1 << 20));
  buf.copy(next, 0, 0, used);
  return next;
}

/** COPY text format: backslash, tab, newline and carriage return are escaped. */
export function copyText(s: string): string {
  if (!/[\\\t\n\r]/.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export interface BatchOutcome {
  inserted: number;
  duplicates: number;
  /** Conflicts and lines the database itself refused, by line number. */
  problems: { line: number; outcome: 'conflict' | 'rejected'; reason: string; raw: string }[];
}

export interface DiffRow {
  line_no: number;
  name_differs: boolean;
  user_differs: boolean;
  time_differs: boolean;
  properties_differ: boolean;
}

function conflictReason(r: DiffRow): string {
  const fields = [
    r.name_differs && 'event_name',
    r.user_differs && 'user_id',
    r.time_differs && 'event_time',
    r.properties_differ && 'properties',
  ].filter(Boolean);
  return `event_id already stored with a different ${fields.join(', ')}`;
}

interface Written {
  inserted: number;
  diffs: DiffRow[];
}

const asDiff = (x: DiffRow): DiffRow => ({ ...x, line_no: Number(x.line_no) });

/** Waits for the previous batch to commit; then says whether it was mostly stored already. */
type Turn = () => Promise<boolean>;

async function writeOnce(s: Session, data: Uint8Array, count: number, turn: Turn): Promise<Written> {
  await s.exec(STAGE_DDL);
  await s.copyFrom(COPY_SQL, data);
  // Staged while the previous batch was still inserting; from here on, in line order.
  const classifyFirst = await turn();
  let inserted: number;
  if (classifyFirst) {
    const r = await s.query<DiffRow & { inserted: number | null; found: number | null }>(CLASSIFY_SQL);
    const head = r.rows.find((x) => Number(x.line_no) === 0);
    inserted = Number(head?.inserted ?? 0);
    if (inserted + Number(head?.found ?? 0) === count) return { inserted, diffs: r.rows.filter((x) => x !== head).map(asDiff) };
  } else {
    const r = await s.query<{ n: number }>(INSERT_SQL);
    inserted = Number(r.rows[0]?.n ?? 0);
    // Every staged line inserted: nothing can differ, skip the comparison (the common first load).
    if (inserted === count) return { inserted, diffs: [] };
  }
  const d = await s.query<DiffRow>(DIFF_SQL);
  return { inserted, diffs: d.rows.map(asDiff) };
}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure
// Admin or crash shutdown, "the database system is starting up / shutting down", connection failures.
const LOST_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
const LOST_RE = /Connection terminated|connection error and is not queryable|Client was closed|terminating connection|the database system is (starting up|shutting down|in recovery mode)|cannot connect to PostgreSQL/i;

/** The server went away or is restarting: the batch's transaction rolled back (or committed just before), and can run again. */
export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  // A refused login or a dropped database does not heal by waiting.
  if (e.code === 'conn_auth' || e.code === 'conn_nodb') return false;
  return (!!e.code && (LOST_CODES.has(e.code) || e.code.startsWith('conn_'))) || LOST_RE.test(e.message ?? '');
}

/**
 * Waits between attempts of a batch whose connection was lost: about 30 s in
 * all, long enough for a server restart or a failover, short enough that a
 * server that is gone stops the load with its message.
 */
export const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 8000, 8000];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Data the contract let through but PostgreSQL refuses (e.g. jsonb nested too deep).
const isDataError = (code: string | undefined) => !!code && (code.startsWith('22') || code === '54001');

/**
 * Writes batches one after another. Each batch's strategy follows the one
 * before it: insert first while lines are mostly new (a first load: one index
 * lookup per line, as a hand-written INSERT ... ON CONFLICT), classify first
 * once they are mostly stored already (a reload: still one lookup per line).
 * Either gives the same outcome; only the speed differs.
 */
export class BatchWriter {
  /**
   * Batches in flight at once. On the server the next batch is parsed into
   * its staging table on a second connection while the previous one inserts
   * (COPY is a quarter of the database's work); its INSERT still waits for
   * the previous commit, so lines keep their order and a kill leaves whole
   * batches. PGlite runs one transaction at a time: a second one waiting
   * inside would deadlock it.
   */
  readonly depth: number;
  private mostlyStored = false;
  /**
   * On Citus every batch looks its ids up first: the unique key there is
   * (user_id, event_id), so only the lookup finds an id stored under another
   * user (a conflict, never a second row).
   */
  private citus: Promise<boolean> | undefined;
  /** Settles when the previous batch is done: whether it succeeded. */
  private previous: Promise<boolean> = Promise.resolve(true);

  constructor(private readonly db: Db) {
    this.depth = db.kind === 'server' ? 2 : 1;
  }

  /** Writes one batch; a line the database refuses is isolated by halving and rejected alone. */
  write(batch: Batch): Promise<BatchOutcome> {
    const previous = this.previous;
    this.citus ??= onCitus(this.db);
    const citus = this.citus;
    const turn: Turn = async () => {
      if (!(await previous)) throw new Error('an earlier batch failed');
      return this.mostlyStored || (await citus);
    };
    const p = this.writeAll(batch, turn);
    this.previous = p.then(
      () => true,
      () => false,
    );
    return p;
  }

  private async writeAll(batch: Batch, turn: Turn): Promise<BatchOutcome> {
    const out: BatchOutcome = { inserted: 0, duplicates: 0, problems: [] };
    await this.writeRange(batch, 0, batch.size, out, turn);
    out.problems.sort((a, b) => a.line - b.line);
    this.mostlyStored = out.inserted * 2 < batch.size;
    return out;
  }

  private async writeRange(b: Batch, lo: number, hi: number, out: BatchOutcome, turn: Turn): Promise<void> {
    if (lo >= hi) return;
    const data = b.copyData(lo, hi);
    let reconnects = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        const { inserted, diffs } = await this.db.transaction((s) => writeOnce(s, data, hi - lo, turn));
        out.inserted += inserted;
        out.duplicates += hi - lo - inserted - diffs.length;
        for (const d of diffs) {
          const i = indexOfLine(b.lines, d.line_no, lo, hi);
          out.problems.push({ line: d.line_no, outcome: 'conflict', reason: conflictReason(d), raw: b.raw(i) });
        }
        return;
      } catch (err) {
        const e = err as { code?: string; message?: string };
        if (RETRYABLE.has(e.code ?? '') && attempt < 5) continue;
        // A batch whose commit was lost in flight may be stored already: its lines then count as duplicates.
        if (this.db.kind === 'server' && isConnectionLoss(err) && reconnects < RECONNECT_DELAYS_MS.length) {
          await sleep(RECONNECT_DELAYS_MS[reconnects++]!);
          continue;
        }
        if (!isDataError(e.code)) throw err;
        if (hi - lo === 1) {
          out.problems.push({ line: b.lines[lo]!, outcome: 'rejected', reason: `refused by the database: ${oneLine(e.message)}`, raw: b.raw(lo) });
          return;
        }
        const mid = (lo + hi) >>> 1;
        await this.writeRange(b, lo, mid, out, turn);
        await this.writeRange(b, mid, hi, out, turn);
        return;
      }
    }
  }
}

/** Whether the database is a Citus coordinator (the citus extension installed). */
export async function onCitus(db: Db): Promise<boolean> {
  const r = await db.query<{ on: boolean }>(`select exists (select 1 from pg_extension where extname = 'citus') as on`);
  return r.rows[0]?.on === true;
}

function oneLine(s: string | undefined): string {
  return (s ?? 'unknown error').split('\n')[0]!.slice(0, 200);
}

function indexOfLine(lines: ArrayLike<number>, line: number, lo: number, hi: number): number {
  let a = lo, z = hi - 1;
  while (a <= z) {
    const m = (a + z) >>> 1;
    if (lines[m] === line) return m;
    if (lines[m]! < line) a = m + 1;
    else z = m - 1;
  }
  return -1;
}
