import v8 from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { commandOf } from './argv.js';

/**
 * `evtui load` into the embedded database: the main thread runs PGlite and
 * little else (the input is parsed on a thread of its own, ingest/parsed.ts),
 * yet V8 grows its young generation to 32 MiB while the CLI's modules load and
 * PGlite opens, and keeps it. Held at its first size (2 MiB), a load's peak
 * RSS was ~20 MiB lower at about the same speed (300k events, 6 runs each:
 * 256-285 MiB against 277-302).
 *
 * V8 reads the growth factor whenever it would grow the space, so bin.ts sets
 * it before importing anything else. The flag is process-wide, and Node puts
 * V8's flags back to the command line's each time a worker thread starts:
 * whoever starts one while the generation is held sets it again
 * (keepAcross). A load into a server lets the space grow again: there the
 * main thread also parses, and ran ~5% slower with it held.
 */
let held = false;

export function holdYoungGenerationFor(argv: readonly string[]): void {
  if (commandOf(argv) !== 'load') return;
  held = true;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}

/** Back to V8's default growth (2). */
export function releaseYoungGeneration(): void {
  if (!held) return;
  held = false;
  v8.setFlagsFromString('--semi-space-growth-factor=2');
}

/** Sets the flag again once a new worker thread has reset it (before 'online', measured). */
export function keepAcross(worker: Worker): void {
  if (!held) return;
  worker.once('online', () => {
    if (held) v8.setFlagsFromString('--semi-space-growth-factor=1');
  });
}
