import { expect, it } from 'vitest';
import { COMMANDS, HELP_COVERED, PAIRED, type CommandDef, type CommandId } from '../../src/tui/keys/commands.js';
import { helpLines } from '../../src/tui/screens/help/index.js';

const entries = (Object.entries(COMMANDS) as [CommandId, CommandDef][]).filter(([id]) => !PAIRED.has(id) && !HELP_COVERED.has(id));

it('the ? overlay lists each key once under each heading', () => {
  const lines = helpLines(200);
  const byGroup = new Map<string, string[]>();
  let group = '';
  for (const l of lines) {
    if (!l.startsWith('  ')) group = l;
    else byGroup.set(group, [...(byGroup.get(group) ?? []), l.slice(2, 24).trim()]);
  }
  for (const [g, keys] of byGroup) expect(keys, g).toEqual([...new Set(keys)]);
});

it('keys that work on the main screens (Move, Metrics, Parameters, App) mean one thing each', () => {
  const main = entries.filter(([, c]) => ['Move', 'Metrics', 'Parameters', 'App'].includes(c.group));
  const owner = new Map<string, CommandId>();
  for (const [id, c] of main) {
    for (const k of c.keys) {
      expect(owner.get(k), `${k}: ${owner.get(k)} and ${id}`).toBeUndefined();
      owner.set(k, id);
    }
  }
  // The export dialog's c and j are not listed among the metrics keys.
  expect(helpLines(200).join('\n')).toMatch(/Export dialog\n {2}c +write CSV/);
});
