import type { Db } from '../../src/db/types.js';

/**
 * A small dataset whose answers are worked out by hand in smoke.test.ts
 * (UTC, from 2025-01-01 to 2025-01-10): u1 signs up and comes back, u2 signs
 * up late on Jan 2 and is active early Jan 3, u3 never signs up, u4 signs up
 * and never returns.
 */
export const SMOKE_EVENTS: readonly [string, string, string][] = [
  ['u1', 'signup', '2025-01-01T10:00:00Z'],
  ['u1', 'view', '2025-01-02T09:00:00Z'],
  ['u1', 'view', '2025-01-10T00:00:00Z'],
  ['u2', 'signup', '2025-01-02T23:30:00Z'],
  ['u2', 'view', '2025-01-03T01:00:00Z'],
  ['u3', 'view', '2025-01-05T12:00:00Z'],
  ['u4', 'signup', '2025-01-03T00:00:00Z'],
];

/** All loaded at this instant, so a known_at after it sees them and a late batch can be told apart. */
export const LOADED_AT = '2025-01-11T00:00:00Z';

export function smokeJsonl(): string {
  return SMOKE_EVENTS.map(([user_id, event_name, event_time], i) =>
    JSON.stringify({ event_id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, event_name, event_time, user_id }),
  ).join('\n');
}

export async function insertSmoke(db: Db): Promise<void> {
  for (const [i, [user, name, time]] of SMOKE_EVENTS.entries()) {
    await db.query(
      `insert into events (event_id, event_name, event_time, user_id, ingested_at) values ($1, $2, $3, $4, $5)`,
      [`00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, name, time, user, LOADED_AT],
    );
  }
}
