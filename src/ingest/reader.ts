import { isUtf8 } from 'node:buffer';

/**
 * Splits a byte stream into JSONL lines with bounded memory: a line longer
 * than the limit is reported (with a short prefix) without ever being held
 * whole. Line numbers are physical (1-based, counting every `\n`), so they
 * match what an editor shows. Blank and whitespace-only lines are skipped.
 */
export const MAX_LINE_BYTES = 1024 * 1024;
/** How much of an over-long line is kept for the rejects file. */
export const TOO_LONG_PREFIX_BYTES = 1024;

export type Line =
  | { kind: 'text'; lineNo: number; text: string; bytes: Buffer }
  | { kind: 'invalid_utf8'; lineNo: number; raw: Buffer }
  | { kind: 'too_long'; lineNo: number; prefix: Buffer };

export class LineSplitter {
  private parts: Buffer[] = [];
  private partsLen = 0;
  private tooLong: Buffer | null = null;
  private lineNo = 1;
  private out: Line[] = [];

  constructor(private readonly maxBytes = MAX_LINE_BYTES) {}

  /** Feeds one chunk; returns the lines it completed, whose bytes are views into the chunk. */
  push(chunk: Buffer): Line[] {
    this.out = [];
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl === -1) {
        if (pos < chunk.length) this.append(chunk.subarray(pos));
        break;
      }
      this.append(chunk.subarray(pos, nl));
      this.finish();
      pos = nl + 1;
    }
    // The unfinished line is copied out, so the caller may read the next chunk into the same buffer.
    if (this.parts.length > 0 && this.parts[this.parts.length - 1]!.buffer === chunk.buffer) {
      this.parts = [Buffer.concat(this.parts, this.partsLen)];
    }
    return this.out;
  }

  /** The last line, when the input does not end with a newline. */
  end(): Line[] {
    this.out = [];
    if (this.partsLen > 0 || this.tooLong) this.finish();
    return this.out;
  }

  private append(part: Buffer): void {
    if (part.length === 0) return;
    if (this.tooLong) return; // already over: the rest of the line is dropped as it streams past
    if (this.partsLen + part.length > this.maxBytes) {
      const held = Buffer.concat([...this.parts, part.subarray(0, TOO_LONG_PREFIX_BYTES)]);
      this.tooLong = Buffer.from(held.subarray(0, TOO_LONG_PREFIX_BYTES));
      this.parts = [];
      this.partsLen = 0;
      return;
    }
    // A view into the chunk until push() returns (then copied).
    this.parts.push(part);
    this.partsLen += part.length;
  }

  private finish(): void {
    const lineNo = this.lineNo++;
    if (this.tooLong) {
      this.out.push({ kind: 'too_long', lineNo, prefix: this.tooLong });
      this.tooLong = null;
      return;
    }
    let buf = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partsLen);
    this.parts = [];
    this.partsLen = 0;
    if (lineNo === 1 && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    if (buf.length > 0 && buf[buf.length - 1] === 13) buf = buf.subarray(0, buf.length - 1);
    if (buf.length === 0) return;
    if (!isUtf8(buf)) {
      this.out.push({ kind: 'invalid_utf8', lineNo, raw: Buffer.from(buf) });
      return;
    }
    const text = buf.toString('utf8');
    if (text.trim() === '') return;
    this.out.push({ kind: 'text', lineNo, text, bytes: buf });
  }
}
