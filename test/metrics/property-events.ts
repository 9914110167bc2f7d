/**
 * Hand-made events with known property counts, for the pickers' data and the UI's filters. The
 * default window is 2025-03-02 → 2025-03-31 (the newest event's day).
 *   a1 signup {plan pro, seats 3, beta true}; page_view /home; purchase
 *   a2 signup {plan pro}; page_view /home (and one on 02-01, before the window)
 *   a3 signup {plan free, seats "3"}; page_view /pricing
 *   a4 signup {plan free, nested {...}} on 03-12, a later signup {plan pro} that is not theirs
 *   a5 no signup; page_view /home on 03-31
 */
export const PROPERTY_EVENTS: [string, string, string, Record<string, unknown>][] = [
  ['a1', 'signup', '2025-03-02T10:00:00Z', { plan: 'pro', seats: 3, beta: true }],
  ['a1', 'page_view', '2025-03-03T10:00:00Z', { path: '/home' }],
  ['a1', 'purchase', '2025-03-04T10:00:00Z', { amount: 10, path: '/checkout' }],
  ['a2', 'signup', '2025-03-05T10:00:00Z', { plan: 'pro' }],
  ['a2', 'page_view', '2025-03-06T10:00:00Z', { path: '/home' }],
  ['a3', 'signup', '2025-03-10T10:00:00Z', { plan: 'free', seats: '3' }],
  ['a3', 'page_view', '2025-03-11T10:00:00Z', { path: '/pricing' }],
  ['a4', 'signup', '2025-03-12T10:00:00Z', { plan: 'free', nested: { x: 1 } }],
  ['a4', 'signup', '2025-03-15T10:00:00Z', { plan: 'pro' }],
  ['a5', 'page_view', '2025-03-31T10:00:00Z', { path: '/home' }],
  ['a2', 'page_view', '2025-02-01T10:00:00Z', { path: '/old' }],
];
