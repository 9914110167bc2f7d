import v8 from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { commandOf } from './argv.js';

/**
 * V8 settings for `evtui load` into the embedded database, whose peak RSS
 * must stay under 300 MB whatever the file size. The main thread runs PGlite
 * and little else (the input is parsed on a thread of its own,
 * ingest/parsed.ts).
 *
 * - The young generation held at its first size (2 MiB): V8 grows it to 32
 *   MiB while the CLI's modules load and PGlite opens, and keeps it. Held, a
 *   load's peak RSS was ~20 MiB lower at about the same speed (300k events,
 *   6 runs each: 256-285 MiB against 277-302).
 * - One background task compiling PGlite's WebAssembly to optimised code
 *   instead of one per core: the compilers' scratch memory, freed into
 *   several threads' malloc arenas, stayed resident. 1M events, three loads
 *   each, back to back: 253-257 MiB against 278-305, in the same time
 *   (16.1-16.6 s against 16.1-17.4 s).
 * - The old generation collected when it has grown 10% past what the last
 *   collection kept, not the 2-4x V8 allows a heap that collects quickly: the
 *   loading thread's garbage grew 16 to 30 MiB over the first 50 s of a 10M
 *   load, RSS 268 to 301 MiB; with the setting it stayed at 262-269.
 *
 * V8 reads these whenever it uses them, so bin.ts sets them before importing
 * anything else. They are process-wide, and Node puts V8's flags back to the
 * command line's each time a worker thread starts: whoever starts one while
 * they are held sets them again (keepAcross). A load into a server lets them
 * go: there the main thread also parses, and ran ~5% slower with the young
 * generation held.
 */
const HELD = '--semi-space-growth-factor=1 --wasm-num-compilation-tasks=1 --heap-growing-percent=10';
const DEFAULT = '--semi-space-growth-factor=2 --heap-growing-percent=0';
let held = false;

export function holdMemoryFor(argv: readonly string[]): void {
  if (commandOf(argv) !== 'load') return;
  held = true;
  v8.setFlagsFromString(HELD);
}

/** Back to V8's defaults (a server load has no WebAssembly to compile). */
export function releaseMemoryHold(): void {
  if (!held) return;
  held = false;
  v8.setFlagsFromString(DEFAULT);
}

/** Sets the flags again once a new worker thread has reset them (before 'online', measured). */
export function keepAcross(worker: Worker): void {
  if (!held) return;
  worker.once('online', () => {
    if (held) v8.setFlagsFromString(HELD);
  });
}
