/**
 * How many colors the UI draws with, decided from the terminal it draws on.
 * FORCE_COLOR, where set, decides (0 none, 1 16 colors, 2 256, 3 true color;
 * empty or `true` means 1); else NO_COLOR (any non-empty value) turns colors
 * and styles off, and the selection still shows by its glyph; else a terminal
 * that is not `dumb` gets the colors TERM and COLORTERM announce. A CI
 * variable says nothing about that terminal (an end-to-end test's
 * pseudo-terminal on a CI runner is a terminal all the same), so it is not read.
 */
export type ColorLevel = 0 | 1 | 2 | 3;

export function colorLevel(env: NodeJS.ProcessEnv, isTTY: boolean): ColorLevel {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true') return 1;
    if (force === 'false') return 0;
    const n = Number.parseInt(force, 10);
    return Number.isNaN(n) ? 1 : (Math.max(0, Math.min(3, n)) as ColorLevel);
  }
  if (env.NO_COLOR) return 0;
  if (!isTTY) return 0;
  const term = env.TERM ?? '';
  if (term === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (/-256(color)?$/.test(term) || env.COLORTERM) return 2;
  return 1;
}
