/** What a load reports, to the CLI (counts, JSON) and to the UI (live progress). */
export interface LoadCounts {
  /** Non-blank input lines seen; always inserted + duplicates + conflicts + rejected once finished. */
  lines: number;
  inserted: number;
  duplicates: number;
  conflicts: number;
  rejected: number;
}

export interface LoadProgress extends LoadCounts {
  bytesRead: number;
  /** Known for files, undefined for stdin. */
  totalBytes?: number;
  elapsedSeconds: number;
  eventsPerSecond: number;
  /**
   * Every line is written and the load is finishing: building the indexes a
   * bulk load into an empty embedded database set aside (db/indexes.ts), then
   * bringing the table's visibility map and statistics up to date (load.ts).
   */
  stage?: 'indexing' | 'analyzing';
}

export interface LoadResult extends LoadCounts {
  /** Where conflicts and rejects were written; null when there were none. */
  rejectsFile: string | null;
  seconds: number;
  /** The source as named (file path, `-`, or fixture name). */
  source?: string;
}

export interface LoadOptions {
  deriveIds?: boolean;
  /** Default: `<input>.rejects.jsonl` (for stdin: `./stdin.rejects.jsonl`). */
  rejectsPath?: string;
  /** Append to the rejects file instead of starting it afresh (several sources, one file). */
  rejectsAppend?: boolean;
  /** Each rejects record names its source (several sources, one file). */
  rejectsWithSource?: boolean;
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
  batchSize?: number;
  /** Parse on a thread of its own (parsed.ts); default: on the embedded database, when that thread's module is built. */
  thread?: boolean;
}

export interface FixtureInfo {
  name: string;
  description: string;
  path: string;
  events: number;
}
