import fs from 'node:fs';
import type { Line } from './reader.js';

/**
 * The rejects file: one JSON object per conflict or reject, so nothing an
 * analyst sent is lost silently. Created only when there is something to
 * write; a load starts it afresh (a rerun reports every line again).
 * Writes are synchronous appends: a killed load leaves whole records behind.
 */
export interface RejectRecord {
  line: number;
  outcome: 'rejected' | 'conflict';
  reason: string;
  /** The line as sent (without its line ending); base64 when it is not UTF-8. */
  raw: string;
  raw_encoding?: 'base64';
  /** Set when only the start of an over-long line is kept. */
  raw_truncated?: true;
  source?: string;
}

export function recordFor(line: Line, reason: string): RejectRecord {
  switch (line.kind) {
    case 'text':
      return { line: line.lineNo, outcome: 'rejected', reason, raw: line.text };
    case 'invalid_utf8':
      return { line: line.lineNo, outcome: 'rejected', reason, raw: line.raw.toString('base64'), raw_encoding: 'base64' };
    case 'too_long': {
      // The kept prefix may end inside a multi-byte character: base64 keeps it exact.
      return { line: line.lineNo, outcome: 'rejected', reason, raw: line.prefix.toString('base64'), raw_encoding: 'base64', raw_truncated: true };
    }
  }
}

export class RejectsWriter {
  private fd: number | null = null;
  private buf = '';
  written = 0;

  constructor(
    readonly path: string,
    private readonly opts: { append?: boolean; source?: string } = {},
  ) {}

  add(r: RejectRecord): void {
    if (this.opts.source !== undefined) r.source = this.opts.source;
    this.buf += JSON.stringify(r) + '\n';
    this.written++;
    if (this.buf.length > 1 << 16) this.flush();
  }

  flush(): void {
    if (!this.buf) return;
    if (this.fd === null) this.fd = fs.openSync(this.path, this.opts.append ? 'a' : 'w');
    fs.writeSync(this.fd, this.buf);
    this.buf = '';
  }

  close(): void {
    this.flush();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
