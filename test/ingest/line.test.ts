import { describe, expect, it } from 'vitest';
import { makeLineJudge, type Verdict } from '../../src/ingest/contract.js';
import { MAX_PROPERTIES_DEPTH, normalize, scanLine } from '../../src/ingest/scan.js';

/**
 * A line is judged on its text, not only on what JSON.parse makes of it: a key
 * given twice, nesting, and numbers a double does not hold are visible only there.
 */
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const ID = '8313c038-d7b2-47cd-a509-d5f4551e2889';
const head = `"event_id":"${ID}","event_name":"purchase","event_time":"2025-01-01T10:00:00Z","user_id":"u1"`;
const line = (props: string, extra = '') => `{${head},"properties":${props}${extra}}`;
const judge = makeLineJudge({ now: NOW });
const reason = (v: Verdict) => (v.ok ? 'accepted' : v.reason);
const nest = (levels: number) => '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);

describe('line judge', () => {
  it('stores the properties as their own text, every digit as sent', () => {
    const props = '{"order_id": 12345678901234567890, "snowflake":1541815603606036480, "n":-9007199254740993, "price":1.50, "tiny":1e-5}';
    const v = judge(line(props));
    expect(v).toEqual({ ok: true, event: { event_id: ID, event_name: 'purchase', event_time: '2025-01-01T10:00:00.000000Z', user_id: 'u1', properties: props } });
    // a line through the zod path (an escape sends it there) keeps its text too
    const escaped = '{"name":"caf\\u00e9","id":12345678901234567891}';
    expect(judge(line(escaped))).toMatchObject({ ok: true, event: { properties: escaped } });
  });

  it('rejects a number whose magnitude a double cannot hold, and keeps the largest and smallest it can', () => {
    for (const n of ['1e400', '-1e400', '1e-400', '-2.5E-999', '123456789e301']) {
      expect(reason(judge(line(`{"x":[1,{"y":${n}}]}`))), n).toMatch(/^properties holds a number out of range: /);
    }
    for (const n of ['1e308', '-1.7976931348623157e308', '5e-324', '0e400', '0.0', '-0', '1E+2']) {
      expect(reason(judge(line(`{"x":${n}}`))), n).toBe('accepted');
    }
  });

  it('rejects a key given twice, at the top level or inside properties, however it is spelled', () => {
    expect(reason(judge(`{${head},"user_id":"u2"}`))).toBe('key "user_id" is given twice');
    expect(reason(judge(`{${head},"user_\\u0069d":"u2"}`))).toBe('key "user_id" is given twice');
    expect(reason(judge(line('{"plan":"pro","plan":"free"}')))).toBe('key "properties.plan" is given twice');
    expect(reason(judge(line('{"a":[{"b":1},{"c":{"d":1,"d":1}}]}')))).toBe('key "properties.a.c.d" is given twice');
    // the same key in different objects is no repeat, nor is a key-like string
    expect(reason(judge(line('{"a":{"x":1},"b":{"x":1},"c":"\\"a\\":1"}')))).toBe('accepted');
  });

  it(`takes properties nested ${MAX_PROPERTIES_DEPTH} levels deep and rejects deeper ones with their line, 7,000 levels included`, () => {
    expect(reason(judge(line(nest(MAX_PROPERTIES_DEPTH))))).toBe('accepted');
    expect(reason(judge(line(nest(MAX_PROPERTIES_DEPTH + 1))))).toBe(`properties is nested deeper than ${MAX_PROPERTIES_DEPTH} levels`);
    const deep = line(`{"a":${'['.repeat(7000)}${']'.repeat(7000)}}`);
    expect(deep.length).toBeLessThan(32 * 1024);
    expect(reason(judge(deep))).toBe(`properties is nested deeper than ${MAX_PROPERTIES_DEPTH} levels`);
    expect(reason(judge(`{${head},"x":${'['.repeat(100)}${']'.repeat(100)}}`))).toBe(`the line is nested deeper than ${MAX_PROPERTIES_DEPTH} levels`);
    expect(reason(judge(line(`{"a":${'['.repeat(100)}}`)))).toBe('not valid JSON');
  });

  it('measures properties without the whitespace between tokens', () => {
    const text = `{"big": "${'x'.repeat(32 * 1024 - 10)}"}`;
    expect(reason(judge(line(text.replace('{', '{' + ' '.repeat(1000)))))).toBe('accepted');
    expect(reason(judge(line(`{"big": "${'x'.repeat(32 * 1024)}"}`)))).toBe('properties is larger than 32 KiB as JSON');
  });

  it('rejects years before 1970, 0070-0099 included (never read as 19xx)', () => {
    for (const t of ['0099-06-01T00:00:00Z', '0070-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '0099-12-31T23:00:00-05:00']) {
      expect(reason(judge(`{"event_id":"${ID}","event_name":"a","event_time":"${t}","user_id":"u"}`)), t).toBe('event_time is before 1970-01-01');
    }
    expect(reason(judge(`{"event_id":"${ID}","event_name":"a","event_time":"1969-12-31T23:30:00-01:00","user_id":"u"}`))).toBe('accepted');
  });

  it('--derive-ids: ids stay as they were for numbers a double holds; numbers past it give ids of their own', () => {
    const d = makeLineJudge({ now: NOW, deriveIds: true });
    const id = (props: string) => {
      const v = d(`{"event_name":"purchase","user_id":"u1","event_time":"2025-01-01T10:00:00Z","properties":${props}}`);
      if (!v.ok) throw new Error(v.reason);
      return v.event.event_id;
    };
    // the id evtui has always derived for this event
    expect(id('{"n":[1,{"a":"x","b":2}],"price":1.50,"plan":"pro"}')).toBe('d715f936-a0ba-519a-a39d-4de6c6f72608');
    expect(id('{"plan":"pro","price":1.5,"n":[1,{"b":2,"a":"x"}]}')).toBe('d715f936-a0ba-519a-a39d-4de6c6f72608');
    const a = id('{"order_id":12345678901234567890}');
    expect(id('{"order_id":12345678901234567891}')).not.toBe(a);
    expect(id('{ "order_id" : 1234567890123456789.0e1 }')).toBe(a);
    expect(id('{"order_id":12345678901234567000}')).not.toBe(a);
  });

  it('normalises numbers to sign, digits and exponent', () => {
    expect(['12.50', '1.25e1', '0.125E+2', '-0.00', '0', '-1e-3', '100'].map(normalize)).toEqual(['1.25e1', '1.25e1', '1.25e1', '0', '0', '-1e-3', '1e2']);
    expect(scanLine(line('{"a": 1, "b": {"c": [2, 3]}}'))).toMatchObject({ keys: 8, propsSpace: 5 });
  });
});
