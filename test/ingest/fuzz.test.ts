import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSource } from '../../src/ingest/load.js';
import { Parser } from '../../src/ingest/parse.js';
import { describeEachDb } from '../helpers/db.js';
import { readRejects, scratchDir, writeInput } from './helpers.js';

/**
 * Random and mutated lines thrown at the ingester. Whatever comes in, every
 * non-blank line ends in exactly one outcome, the counts add up, every reject
 * is in the rejects file with its line number, and no valid line is lost or
 * altered: each is stored as PostgreSQL makes of its own text.
 */
const dir = scratchDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let run = 0;
/** Ids unique to one generated input, so runs never see each other's events. */
const idOf = (r: number, i: number) => `${r.toString(16).padStart(8, '0')}-f022-4000-8000-${i.toString(16).padStart(12, '0')}`;

interface Spec {
  name: string;
  user: string | number;
  time: string;
  props: unknown;
  /** A number written into properties digit for digit, past what a double holds. */
  raw?: bigint;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  name: fc.stringMatching(/^[a-z][a-z_]{0,19}$/),
  user: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), fc.integer()),
  time: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  props: fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => k !== 'n_raw'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
  raw: fc.option(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), { nil: undefined }),
});

function valid(s: Spec, id: string): { text: string; props: string } {
  let props = JSON.stringify(s.props);
  if (s.raw !== undefined) props = props === '{}' ? `{"n_raw":${s.raw}}` : `${props.slice(0, -1)},"n_raw":${s.raw}}`;
  const text = `{"event_id":"${id}","event_name":${JSON.stringify(s.name)},"event_time":"${s.time}","user_id":${JSON.stringify(s.user)},"properties":${props}}`;
  return { text, props };
}

// Ways to break a valid line; each may, by chance, leave it valid (the counts must add up either way).
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constantFrom('nul' as const, 'nul-escape' as const, 'bad-utf8' as const, 'deep' as const, 'huge-number' as const, 'twice' as const) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): Buffer {
  const b = Buffer.from(text);
  switch (m.kind) {
    case 'truncate':
      return b.subarray(0, m.at % b.length);
    case 'insert': {
      const at = m.at % b.length;
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    }
    case 'delete': {
      const at = m.at % b.length;
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
    }
    case 'nul':
      return Buffer.from(text.replace('"event_name":"', '"event_name":"\u0000'));
    case 'nul-escape':
      return Buffer.from(text.replace('"properties":{', '"properties":{"z\\u0000":1,'));
    case 'bad-utf8':
      return Buffer.concat([Buffer.from(text.slice(0, 20)), Buffer.from([0xc3, 0x28]), Buffer.from(text.slice(20))]);
    case 'deep':
      return Buffer.from(text.replace('"properties":{', `"properties":{"deep":${'['.repeat(200)}${']'.repeat(200)},`));
    case 'huge-number':
      return Buffer.from(text.replace('"properties":{', '"properties":{"x":-1e400,'));
    case 'twice':
      return Buffer.from(text.replace('"event_time"', '"user_id":"again","event_time"'));
  }
}

type Item = { kind: 'valid'; spec: Spec } | { kind: 'mutated'; spec: Spec; m: Mutation } | { kind: 'noise'; bytes: Uint8Array };
const item: fc.Arbitrary<Item> = fc.oneof(
  { weight: 3, arbitrary: spec.map((s): Item => ({ kind: 'valid', spec: s })) },
  { weight: 3, arbitrary: fc.record({ spec, m: mutation }).map((x): Item => ({ kind: 'mutated', ...x })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 60 }).map((bytes): Item => ({ kind: 'noise', bytes })) },
);

interface Input {
  bytes: Buffer;
  /** Valid lines: their physical line number, id and properties text. */
  valid: { line: number; id: string; props: string }[];
  /** Non-blank physical lines, as the contract counts them. */
  lines: number;
}

function build(items: Item[], eol: string): Input {
  const r = ++run;
  const parts: Buffer[] = [];
  const validLines: Input['valid'] = [];
  let line = 1;
  items.forEach((it, i) => {
    const id = idOf(r, i);
    let b: Buffer;
    if (it.kind === 'valid') {
      const v = valid(it.spec, id);
      validLines.push({ line, id, props: v.props });
      b = Buffer.from(v.text);
    } else if (it.kind === 'mutated') {
      b = mutate(valid(it.spec, id).text, it.m);
    } else b = Buffer.from(it.bytes);
    parts.push(b, Buffer.from(eol));
    line += 1 + b.filter((x) => x === 10).length;
  });
  const bytes = Buffer.concat(parts);
  return { bytes, valid: validLines, lines: countNonBlank(bytes) };
}

function countNonBlank(bytes: Buffer): number {
  let n = 0;
  bytes
    .toString('latin1')
    .split('\n')
    .forEach((l, i) => {
      let b = Buffer.from(l, 'latin1');
      if (i === 0 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
      if (b.at(-1) === 13) b = b.subarray(0, -1);
      if (b.length === 0) return;
      if (isUtf8(b) && b.toString('utf8').trim() === '') return;
      n++;
    });
  return n;
}

const input = fc.tuple(fc.array(item, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 7 })).map(([items, eol, batch]) => ({ ...build(items, eol), batch }));

describe('ingest fuzz: parsing', () => {
  it('every non-blank line is one valid event or one reject, in any chunking; valid lines are never lost', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 64 }), (inp, chunk) => {
        const p = new Parser({ batchSize: inp.batch, now: Date.now() });
        const units = [];
        for (let i = 0; i < inp.bytes.length; i += chunk) units.push(...p.push(inp.bytes.subarray(i, i + chunk)));
        units.push(...p.end());
        const lines = units.reduce((a, u) => a + u.lines, 0);
        const accepted = units.flatMap((u) => Array.from(u.batch.lines));
        const rejected = units.flatMap((u) => u.rejects.map((r) => r.line));
        expect(lines).toBe(inp.lines);
        expect(accepted.length + rejected.length).toBe(inp.lines);
        expect(new Set([...accepted, ...rejected]).size).toBe(inp.lines);
        for (const v of inp.valid) expect(accepted).toContain(v.line);
      }),
      { numRuns: 300 },
    );
  });
});

describeEachDb('ingest fuzz: loading', (t) => {
  it('the counts add up, the rejects file holds every reject, and every valid line is stored as PostgreSQL reads its text', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (inp) => {
        const file = writeInput(dir, inp.bytes);
        const rejectsPath = `${file}.rejects.jsonl`;
        const r = await loadSource(t().db, file, { batchSize: inp.batch, rejectsPath });
        expect(r.lines).toBe(inp.lines);
        expect(r.inserted + r.duplicates + r.conflicts + r.rejected).toBe(r.lines);
        const recs = r.rejectsFile ? readRejects(r.rejectsFile) : [];
        expect(recs.length).toBe(r.rejected + r.conflicts);
        for (const v of inp.valid) expect(recs.map((x) => x.line)).not.toContain(v.line);
        const kept = await t().db.query<{ n: number }>(
          `select count(*)::int as n from jsonb_to_recordset($1::jsonb) as x(id uuid, props text) join events e on e.event_id = x.id and e.properties = x.props::jsonb`,
          [JSON.stringify(inp.valid.map((v) => ({ id: v.id, props: v.props })))],
        );
        expect(kept.rows[0]!.n).toBe(inp.valid.length);
        fs.rmSync(file);
        fs.rmSync(rejectsPath, { force: true });
      }),
      { numRuns: 25 },
    );
  });
});
