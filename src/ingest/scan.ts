/**
 * One pass over a line's JSON text, beside JSON.parse: what the parsed value
 * cannot tell. JSON.parse turns every number into a double (12345678901234567890
 * becomes ...7000, 1e400 Infinity) and keeps the last of two equal keys, so
 * the stored properties are the line's own text (jsonb reads every digit), and
 * this pass finds where that text is, how many keys the line spells out (fewer
 * in the parsed value: a key given twice), how deeply it nests, the numbers
 * a double does not hold, and a numeric user_id as written.
 *
 * It trusts JSON.parse to judge validity: on text that is not JSON its results
 * mean nothing, and the caller only uses them for a line JSON.parse accepts.
 */

/** Properties may nest this deep (the properties object itself is level 1). */
export const MAX_PROPERTIES_DEPTH = 64;
/** The line's own object is level 1, so properties' deepest allowed value is this level. */
const MAX_LINE_DEPTH = MAX_PROPERTIES_DEPTH + 1;

export interface LineScan {
  /** Keys spelled out in the text, at every level. */
  keys: number;
  /** Set when the text nests deeper than allowed (the scan stopped there). */
  tooDeep?: 'properties' | 'line';
  /** The top-level "properties" value, when it is an object: [start, end) in the text. */
  propsStart: number;
  propsEnd: number;
  /** Whitespace between tokens inside properties (not part of its size as JSON). */
  propsSpace: number;
  /** A number whose magnitude a double cannot hold (1e400, 1e-400), as written. */
  outOfRange?: string;
  /** Numbers in properties that a double would not give back digit for digit: [start, end) in the text. */
  inexact?: [number, number][];
  /** The top-level user_id when it is a number: its text as written (JSON.parse keeps 2^53 and up only approximately). */
  userIdNumber?: string;
}

// A number of at most 15 significant digits and no exponent always comes back
// from a double as written (15 is DBL_DIG); only longer ones need a closer look.
const SHORT_NUMBER = 15;

export function scanLine(text: string): LineScan {
  const out: LineScan = { keys: 0, propsStart: -1, propsEnd: -1, propsSpace: 0 };
  const n = text.length;
  let depth = 0;
  // At depth 1: whether the next string is a key, and whether the last key was "properties".
  let expectKey = false;
  let lastKeyProps = false;
  let lastKeyUser = false;
  let inProps = false;
  let space = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 34: {
        // a string: find its closing quote, one not preceded by an odd run of backslashes
        const start = i;
        let end = text.indexOf('"', i + 1);
        while (end > 0) {
          let b = end - 1;
          while (text.charCodeAt(b) === 92) b--;
          if ((end - 1 - b) % 2 === 0) break;
          end = text.indexOf('"', end + 1);
        }
        if (end < 0) return out;
        i = end;
        if (depth === 1 && expectKey) {
          expectKey = false;
          const raw = text.slice(start + 1, end);
          lastKeyProps = raw === 'properties' || (raw.includes('\\') && decodeKey(raw) === 'properties');
          lastKeyUser = raw === 'user_id' || (raw.includes('\\') && decodeKey(raw) === 'user_id');
        }
        break;
      }
      case 123: // {
      case 91: // [
        depth++;
        if (depth === 2 && lastKeyProps && c === 123 && out.propsStart < 0) {
          out.propsStart = i;
          inProps = true;
          space = 0;
        }
        if (depth > MAX_LINE_DEPTH) {
          out.tooDeep = inProps ? 'properties' : 'line';
          return out;
        }
        if (depth === 1) expectKey = c === 123;
        break;
      case 125: // }
      case 93: // ]
        depth--;
        if (depth === 1 && inProps) {
          out.propsEnd = i + 1;
          out.propsSpace = space;
          inProps = false;
        }
        break;
      case 58: // :
        out.keys++;
        break;
      case 44: // ,
        if (depth === 1) {
          expectKey = true;
          lastKeyProps = false;
          lastKeyUser = false;
        }
        break;
      case 32:
      case 9:
      case 10:
      case 13:
        space++;
        break;
      default:
        if (c === 45 || (c >= 48 && c <= 57)) {
          let j = i + 1;
          let exp = false;
          for (; j < n; j++) {
            const d = text.charCodeAt(j);
            if (d === 101 || d === 69) exp = true;
            else if (!((d >= 48 && d <= 57) || d === 46 || d === 43 || d === 45)) break;
          }
          if (exp || j - i > SHORT_NUMBER) checkNumber(text, i, j, inProps, out);
          if (depth === 1 && lastKeyUser) out.userIdNumber ??= text.slice(i, j);
          i = j - 1;
        }
    }
  }
  return out;
}

function decodeKey(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

function checkNumber(text: string, start: number, end: number, inProps: boolean, out: LineScan): void {
  const tok = text.slice(start, end);
  const x = Number(tok);
  const exact = normalize(tok);
  if (!Number.isFinite(x) || (x === 0 && exact !== '0')) {
    out.outOfRange ??= tok;
    return;
  }
  if (inProps && normalize(String(x)) !== exact) (out.inexact ??= []).push([start, end]);
}

/**
 * A JSON number's value as sign, significant digits and the exponent of the
 * first one: `12.50`, `1.25e1` and `0.125e2` all give `1.25e1`; zero gives `0`.
 */
export function normalize(tok: string): string {
  let s = tok;
  let sign = '';
  if (s.startsWith('-')) {
    sign = '-';
    s = s.slice(1);
  }
  let exp = 0;
  const e = s.search(/[eE]/);
  if (e >= 0) {
    exp = Number(s.slice(e + 1));
    s = s.slice(0, e);
  }
  const dot = s.indexOf('.');
  const int = dot >= 0 ? s.slice(0, dot) : s;
  let digits = int + (dot >= 0 ? s.slice(dot + 1) : '');
  exp += int.length - 1;
  const lead = digits.search(/[1-9]/);
  if (lead < 0) return '0';
  digits = digits.slice(lead).replace(/0+$/, '');
  exp -= lead;
  return `${sign}${digits[0]}${digits.length > 1 ? '.' + digits.slice(1) : ''}e${exp}`;
}

/** Keys in a parsed value, at every level (fewer than the text spells out: a key given twice). */
export function countKeys(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (const x of v) if (x !== null && typeof x === 'object') n += countKeys(x);
    return n;
  }
  for (const k in v) {
    n++;
    const x = (v as Record<string, unknown>)[k];
    if (x !== null && typeof x === 'object') n += countKeys(x);
  }
  return n;
}

/**
 * The first key given twice in one object, as a dotted path (`user_id`,
 * `properties.plan`). Slow, for the rare line that has one.
 */
export function duplicateKey(text: string): string | undefined {
  const found = { path: undefined as string | undefined };
  // A small recursive-descent walk over the text, keeping the keys seen per object.
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text[i]!;
      if (c === '\\') i += 2;
      else if (c === '"') break;
      else i++;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const k = str();
        const p = path ? `${path}.${k}` : k;
        if (seen.has(k)) found.path ??= p;
        seen.add(k);
        ws();
        i++; // :
        value(p);
        ws();
        if (text[i++] === '}') return;
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(path);
        ws();
        if (text[i++] === ']') return;
      }
    } else if (c === '"') {
      str();
    } else {
      while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++;
    }
  };
  value('');
  return found.path;
}
