import { Box, Text } from 'ink';
import { useKeys } from '../../keys/use-keys.js';
import { useMemo, useState } from 'react';
import { metricSqlText } from '../../../metrics/run.js';
import type { MetricResult } from '../../../metrics/types.js';
import { Footer } from '../../components/footer.js';
import { ScrollLines, maxOffset } from '../../components/scroll-lines.js';
import { useUi, useUiActions } from '../../context.js';
import type { CommandId } from '../../keys/commands.js';
import { matchCommand } from '../../keys/match.js';
import { scrollTo } from '../metrics/state.js';
import { failureText } from '../../services/task.js';
import { runFacts } from '../../services/export.js';
import { wordWrap } from '../../render/format.js';

const COMMANDS: CommandId[] = ['scroll.pageUp', 'scroll.pageDown', 'scroll.top', 'scroll.bottom', 'nav.up', 'nav.down', 'nav.back', 'app.interrupt'];

/** A parameter as it is bound: a list of names as the flag takes it, KEY: VALUE pairs as their JSON object ('' when empty). */
function boundText(v: unknown): string {
  if (Array.isArray(v)) return v.join(',');
  if (v && typeof v === 'object') return Object.keys(v).length ? JSON.stringify(v) : '';
  return String(v);
}

/**
 * The lines of `s`: the SQL file, every parameter as bound, the reproduce
 * command (wrapped to the width: with filters and steps it outgrows a line),
 * then the SQL itself.
 */
export function sqlLines(result: MetricResult, width = 100): string[] {
  const facts = runFacts(result);
  const lines = [`SQL file   ${facts.sql_file}`, 'parameters (as bound):'];
  for (const [k, v] of Object.entries(result.params)) if (k !== 'known_at_given') lines.push(`  ${k.padEnd(13)} ${boundText(v)}`);
  const indent = 'reproduce  '.length;
  wordWrap(facts.reproduce, Math.max(20, width - indent - 1)).forEach((l, i) => lines.push(`${i === 0 ? 'reproduce  ' : ' '.repeat(indent)}${l}`));
  lines.push('');
  let text: string;
  try {
    text = metricSqlText(result.metric);
  } catch (err) {
    text = `(the SQL text could not be read: ${failureText(err)})`;
  }
  return [...lines, ...text.split('\n')];
}

export function SqlScreen({ result, height }: { result: MetricResult; height: number }) {
  const ui = useUi();
  const { dispatch, quit } = useUiActions();
  const lines = useMemo(() => sqlLines(result, ui.columns), [result, ui.columns]);
  const [scroll, setScroll] = useState(0);
  const page = Math.max(1, height - 2);
  const max = maxOffset(lines.length, page);
  useKeys((input, key) => {
    const id = matchCommand(COMMANDS, input, key);
    const to = (t: 'top' | 'bottom' | number) => setScroll((s) => scrollTo(s, t, max));
    switch (id) {
      case 'scroll.pageUp': return to(-page);
      case 'scroll.pageDown': return to(page);
      case 'scroll.top': return to('top');
      case 'scroll.bottom': return to('bottom');
      case 'nav.up': return to(-1);
      case 'nav.down': return to(1);
      case 'nav.back': return dispatch({ type: 'overlay', overlay: null });
      case 'app.interrupt': return quit();
    }
    if (input === 's') dispatch({ type: 'overlay', overlay: null });
  });
  return (
    <Box flexDirection="column" width={ui.columns} height={height}>
      <Text bold wrap="truncate">The SQL behind {result.metric}</Text>
      <ScrollLines lines={lines} offset={scroll} height={page} width={ui.columns} />
      <Footer ids={COMMANDS} width={ui.columns} />
    </Box>
  );
}
