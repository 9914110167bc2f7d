import { Box, Text } from 'ink';
import { useKeys } from '../../keys/use-keys.js';
import { useState } from 'react';
import { Footer } from '../../components/footer.js';
import { ScrollLines, maxOffset } from '../../components/scroll-lines.js';
import { useUi, useUiActions } from '../../context.js';
import { COMMANDS, HELP_COVERED, PAIRED, type CommandDef, type CommandId } from '../../keys/commands.js';
import { matchCommand } from '../../keys/match.js';
import { scrollTo } from '../metrics/state.js';

const KEYS: CommandId[] = ['nav.back', 'app.help', 'scroll.pageUp', 'scroll.pageDown', 'app.interrupt'];

/** Every key, by group, generated from the key table (so it cannot drift from what the keys do). */
export function helpLines(width: number): string[] {
  const groups = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const [id, c] of Object.entries(COMMANDS) as [CommandId, CommandDef][]) {
    if (PAIRED.has(id) || HELP_COVERED.has(id)) continue;
    const key = c.show ?? c.keys.join('/');
    const line = `  ${key.padEnd(22)} ${c.help}`;
    if (seen.has(line)) continue;
    seen.add(line);
    groups.set(c.group, [...(groups.get(c.group) ?? []), line.length > width ? line.slice(0, width - 1) + '…' : line]);
  }
  return [...groups.entries()].flatMap(([g, ls]) => [g, ...ls]);
}

export function HelpScreen({ height }: { height: number }) {
  const ui = useUi();
  const { dispatch, quit } = useUiActions();
  const lines = helpLines(ui.columns);
  const [scroll, setScroll] = useState(0);
  const page = Math.max(1, height - 2);
  useKeys((input, key) => {
    switch (matchCommand(KEYS, input, key)) {
      case 'nav.back':
      case 'app.help': return dispatch({ type: 'overlay', overlay: null });
      case 'scroll.pageUp': return setScroll((s) => scrollTo(s, -page, maxOffset(lines.length, page)));
      case 'scroll.pageDown': return setScroll((s) => scrollTo(s, page, maxOffset(lines.length, page)));
      case 'app.interrupt': return quit();
    }
    if (input === 'q') dispatch({ type: 'overlay', overlay: null });
  });
  return (
    <Box flexDirection="column" width={ui.columns} height={height}>
      <Text bold>Keys</Text>
      <ScrollLines lines={lines} offset={scroll} height={page} width={ui.columns} />
      <Footer ids={KEYS} width={ui.columns} />
    </Box>
  );
}
