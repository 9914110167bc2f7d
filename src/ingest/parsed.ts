import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Parser, type ParseOptions, type Unit } from './parse.js';
import type { ThreadData } from './parse-thread.js';
import type { RejectRecord } from './rejects.js';
import type { ResolvedSource } from './source.js';
import { keepAcross } from '../memory-flags.js';
import { Batch, type BatchParts } from './writer.js';

const THREAD = new URL('./parse-thread.js', import.meta.url);

/** Units the thread may have parsed ahead of the caller: enough to keep a writer busy. */
const WINDOW = 2;

/**
 * The parsing thread's heap: a batch is a few Buffers outside it, so what it
 * holds is one line's objects at a time plus the rejects of one unit (at most
 * 8 MiB of text). A small young generation keeps the garbage of a million
 * JSON.parse calls from ever being resident at once.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 96 };

/** The thread's module is compiled JS; running from TypeScript sources (tests) it is absent. */
export function parseThreadAvailable(): boolean {
  return fs.existsSync(fileURLToPath(THREAD));
}

/**
 * A source's units (parse.ts), in line order, parsed on a thread of their own
 * (parse-thread.ts) or in this one. The next unit is parsed only once the
 * caller asks for the one before it (on the thread: up to WINDOW ahead), so
 * memory stays bounded whatever the input's size. Each unit's recycle() hands
 * its buffers back once it is written.
 */
export function parsedUnits(src: ResolvedSource, opts: ParseOptions & { thread: boolean }): AsyncGenerator<Unit> {
  return opts.thread ? onThread(src, opts) : inProcess(src, opts);
}

async function* inProcess(src: ResolvedSource, opts: ParseOptions): AsyncGenerator<Unit> {
  const parser = new Parser(opts);
  const stream = src.open();
  try {
    const withRecycle = (u: Unit): Unit => ({ ...u, recycle: () => parser.recycle(u.batch.release()) });
    for await (const chunk of stream as AsyncIterable<Buffer>) yield* parser.push(chunk).map(withRecycle);
    yield* parser.end().map(withRecycle);
  } finally {
    if (src.kind !== 'stdin') stream.destroy();
  }
}

type Message =
  | { type: 'unit'; batch: BatchParts; rejects: RejectRecord[]; lines: number; bytesRead: number }
  | { type: 'end' }
  | { type: 'error'; message: string; code?: string }
  | { type: 'exit'; code: number };

function unitOf(m: Extract<Message, { type: 'unit' }>, worker: Worker): Unit {
  const batch = Batch.fromParts(m.batch);
  // Written: its buffers go back to the thread (a no-op once it has ended), which frees them
  // soon; here they would wait for a full GC (this thread allocates too little to run one often).
  const recycle = () => {
    const bufs = batch.release();
    worker.postMessage({ credit: 0, done: bufs }, bufs.map((b) => b.buffer as ArrayBuffer));
  };
  return { batch, rejects: m.rejects, lines: m.lines, bytesRead: m.bytesRead, recycle };
}

async function* onThread(src: ResolvedSource, opts: ParseOptions): AsyncGenerator<Unit> {
  // Opened here, so a missing or unreadable file fails as it does in-process, and closed here once the thread is gone.
  const fd = src.openFd?.();
  const data: ThreadData = { batchSize: opts.batchSize, deriveIds: opts.deriveIds, now: opts.now, fd, window: WINDOW };
  const stdin = fd === undefined;
  let worker: Worker;
  try {
    worker = new Worker(THREAD, { workerData: data, stdin, resourceLimits: RESOURCE_LIMITS });
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    throw err;
  }
  keepAcross(worker);
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  const put = (m: Message) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', put);
  // An exception the thread did not catch, or its heap limit.
  worker.on('error', (err: Error & { code?: string }) => put({ type: 'error', message: err.message, code: err.code }));
  worker.on('exit', (code) => put({ type: 'exit', code }));
  if (stdin) process.stdin.pipe(worker.stdin!);
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift()!;
      switch (m.type) {
        case 'unit':
          yield unitOf(m, worker);
          // Asked for the next one: the thread may parse one more ahead.
          worker.postMessage({ credit: 1 });
          break;
        case 'end':
          return;
        case 'error':
          throw Object.assign(new Error(m.message), m.code ? { code: m.code } : {});
        case 'exit':
          throw new Error(`the parsing thread stopped (exit code ${m.code})`);
      }
    }
  } finally {
    if (stdin) process.stdin.unpipe(worker.stdin!);
    // terminate() resolves once the thread has stopped: no read of fd can still be running.
    await worker.terminate();
    if (fd !== undefined) fs.closeSync(fd);
  }
}
