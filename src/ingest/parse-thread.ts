/**
 * The parsing thread of a load (parsed.ts starts it): reads the input, parses
 * and validates each line and builds the batches' COPY text, so that the
 * loading thread only writes. On the embedded database that thread is also
 * PGlite's, and the two would otherwise take turns.
 *
 * It sends a unit only against a credit from the loading thread, so at most a
 * few batches are ever in memory, and the loading thread sends each written
 * batch's buffers back. Messages out: {type: 'unit', ...}, {type: 'end'},
 * {type: 'error', message, code}; in: {credit: n, done?: buffers}.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Parser, type ParseOptions, type Unit } from './parse.js';

export interface ThreadData extends ParseOptions {
  /** A file descriptor opened (and closed) by the loading thread; undefined: read stdin. */
  fd?: number;
  /** Units sent ahead before the first credit. */
  window: number;
}

const CHUNK_BYTES = 256 * 1024;
const port = parentPort!;
const data = workerData as ThreadData;

const parser = new Parser(data);
let credits = data.window;
let wake: (() => void) | null = null;
// Written batches come back only to be dropped: freed by this thread's frequent
// young-generation GCs rather than by the loading thread's rare full ones.
port.on('message', (m: { credit: number; done?: Uint8Array[] }) => {
  credits += m.credit;
  wake?.();
  wake = null;
});

async function send(u: Unit): Promise<void> {
  while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  const { parts, transfer } = u.batch.toParts();
  parser.recycle(u.batch.release());
  port.postMessage({ type: 'unit', batch: parts, rejects: u.rejects, lines: u.lines, bytesRead: u.bytesRead }, transfer);
}

/**
 * Blocking reads (this thread has nothing else to do meanwhile) into one
 * buffer: a chunk's lines are parsed and copied into the batch before the
 * next read, and the line splitter copies out an unfinished one.
 */
function* fileChunks(fd: number): Generator<Buffer> {
  const buf = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  for (;;) {
    const n = fs.readSync(fd, buf, 0, CHUNK_BYTES, null);
    if (n === 0) return;
    yield n === CHUNK_BYTES ? buf : buf.subarray(0, n);
  }
}

try {
  const chunks: Iterable<Buffer> | AsyncIterable<Buffer> = data.fd === undefined ? (process.stdin as AsyncIterable<Buffer>) : fileChunks(data.fd);
  for await (const chunk of chunks) {
    for (const u of parser.push(chunk)) await send(u);
  }
  for (const u of parser.end()) await send(u);
  port.postMessage({ type: 'end' });
} catch (err) {
  const e = err as { message?: string; code?: string };
  port.postMessage({ type: 'error', message: e.message ?? String(err), code: e.code });
}
// Nothing more to wait for: let the thread end once its messages are out.
port.unref();
