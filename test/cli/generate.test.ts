import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeContract } from '../../src/ingest/contract.js';
import { FIXTURES_DIR } from '../../src/paths.js';
import { evtui } from '../ingest/cli-helpers.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('evtui generate', () => {
  const args = ['generate', '--users', '500', '--days', '30', '--seed', 's1', '--start', '2025-02-01'];
  const first = evtui(args);

  it('is deterministic: the same arguments give byte-identical output; another seed differs', () => {
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    expect(sha(evtui(args).stdout)).toBe(sha(first.stdout));
    const other = evtui(['generate', '--users', '500', '--days', '30', '--seed', 's2', '--start', '2025-02-01']);
    expect(sha(other.stdout)).not.toBe(sha(first.stdout));
  });

  it('writes valid, realistic events: signups, several names, users without signup, time order per day', () => {
    const validate = makeContract({ now: Date.parse('2030-01-01T00:00:00Z') });
    const lines = first.stdout.trimEnd().split('\n');
    const events = lines.map((l) => {
      const v = validate(JSON.parse(l));
      if (!v.ok) throw new Error(`line rejected: ${v.reason}: ${l}`);
      return v.event;
    });
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
    const names = new Set(events.map((e) => e.event_name));
    expect([...names].sort()).toEqual(['export_report', 'feature_used', 'invite_sent', 'page_view', 'purchase', 'search', 'signup']);
    const users = new Set(events.map((e) => e.user_id));
    const signedUp = new Set(events.filter((e) => e.event_name === 'signup').map((e) => e.user_id));
    expect(users.size).toBe(500);
    expect(users.size - signedUp.size).toBeGreaterThanOrEqual(3); // ~2% have no signup event
    expect(users.size - signedUp.size).toBeLessThanOrEqual(25);
    expect(events.length / users.size).toBeGreaterThan(7); // ≈ 10 events per user at 30 days
    expect(events.length / users.size).toBeLessThan(13);
    expect(events[0]!.event_time >= '2025-02-01').toBe(true);
    expect(events.at(-1)!.event_time < '2025-03-03').toBe(true);
    for (let i = 1; i < events.length; i++) expect(events[i]!.event_time >= events[i - 1]!.event_time).toBe(true);
  });

  it('rebuilds the shipped saas-90d fixture byte for byte', () => {
    const r = evtui(['generate', '--users', '2150', '--days', '90', '--seed', 'saas-90d', '--start', '2025-01-01']);
    expect(sha(r.stdout)).toBe(sha(fs.readFileSync(path.join(FIXTURES_DIR, 'saas-90d.jsonl'), 'utf8')));
  });

  it('uses --signup-event for the signup name', () => {
    const r = evtui(['generate', '--users', '20', '--days', '3', '--signup-event', 'user_signed_up']);
    expect(r.stdout).toContain('"event_name":"user_signed_up"');
    expect(r.stdout).not.toContain('"event_name":"signup"');
  });

  it('bad usage exits 2 with the usage', () => {
    for (const a of [['--days', '3'], ['--users', '0', '--days', '3'], ['--users', '5', '--days', 'x'], ['--users', '5', '--days', '3', '--start', '2025-02-30']]) {
      const r = evtui(['generate', ...a]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('Usage: evtui generate');
    }
  });
});
