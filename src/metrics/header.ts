import type { ColumnKind, ParamName } from './types.js';

/**
 * Reads the header comment every sql/analytics file opens with, so a metric's
 * title, one-line summary, parameters and columns are written once, beside the
 * SQL that defines them:
 *
 *   -- metric: dau
 *   -- title: Daily active users
 *   -- summary: ...
 *   -- params:
 *   --   from  date  first day, inclusive (default: ...)
 *   -- columns:
 *   --   day   date  the calendar day in tz
 */
export interface SqlHeader {
  fields: Record<string, string>;
  params: { name: ParamName; type: string; doc: string }[];
  columns: { name: string; kind: ColumnKind; doc: string }[];
}

const KINDS: readonly ColumnKind[] = ['date', 'timestamp', 'int', 'rate', 'seconds', 'text', 'bool', 'json'];
const PARAMS: readonly ParamName[] = ['from', 'to', 'as_of', 'tz', 'known_at', 'signup_event', 'granularity', 'window_days', 'status', 'limit', 'offset', 'user_id', 'steps', 'exclude', 'mode', 'segment', 'where'];

export function parseHeader(sql: string, file: string): SqlHeader {
  const h: SqlHeader = { fields: {}, params: [], columns: [] };
  let section: 'params' | 'columns' | 'text' | null = null;
  let textKey = '';
  for (const line of sql.split('\n')) {
    if (!line.startsWith('--')) break;
    const body = line.slice(2);
    const entry = /^ {3,}(\S+)\s+(\S+)\s+(.*)$/.exec(body);
    if (section === 'params' && entry) {
      const name = entry[1] as ParamName;
      if (!PARAMS.includes(name)) throw new Error(`${file}: unknown parameter "${name}" in the header`);
      h.params.push({ name, type: entry[2]!, doc: entry[3]!.trim() });
      continue;
    }
    if (section === 'columns' && entry) {
      const kind = entry[2] as ColumnKind;
      if (!KINDS.includes(kind)) throw new Error(`${file}: column ${entry[1]} has unknown kind "${kind}"`);
      h.columns.push({ name: entry[1]!, kind, doc: entry[3]!.trim() });
      continue;
    }
    if (section === 'text' && /^ {3,}/.test(body)) {
      h.fields[textKey] = `${h.fields[textKey] ?? ''} ${body.trim()}`.trim();
      continue;
    }
    const field = /^ ([a-z_]+):\s*(.*)$/.exec(body);
    if (!field) continue;
    const [, key, value] = field as unknown as [string, string, string];
    if (key === 'params' || key === 'columns') section = key;
    else {
      section = 'text';
      textKey = key;
      h.fields[key] = value.trim();
    }
  }
  for (const k of ['metric', 'title', 'summary', 'grain']) {
    if (!h.fields[k]) throw new Error(`${file}: the header has no "${k}:" line`);
  }
  return h;
}
