import { Box, Text } from 'ink';
import { CursorLine } from '../../components/cursor-line.js';
import { Footer } from '../../components/footer.js';
import type { CommandId } from '../../keys/commands.js';
import { presetLabel } from '../../params.js';
import { WINDOW_ITEMS, type WindowState } from './state.js';

export function WindowView(props: { state: WindowState; preview: (i: number) => string; width: number; height: number; commands: readonly CommandId[] }) {
  const s = props.state;
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Box flexDirection="column" height={props.height - 1} overflow="hidden">
        <Text bold>Date window</Text>
        {s.phase === 'pick'
          ? WINDOW_ITEMS.map((it, i) => (
              <CursorLine key={String(it)} selected={i === s.cursor}>
                {(it === 'custom' ? 'custom dates…' : presetLabel(it)).padEnd(24)}
                <Text dimColor>{props.preview(i)}</Text>
              </CursorLine>
            ))
          : (
            <>
              <Text dimColor>dates are YYYY-MM-DD, both inclusive, in the reporting time zone; Tab switches field</Text>
              <Text>
                {s.field === 'from' ? '▸' : ' '} from: {s.from}
                {s.field === 'from' ? <Text inverse> </Text> : null}
              </Text>
              <Text>
                {s.field === 'to' ? '▸' : ' '} to:   {s.to}
                {s.field === 'to' ? <Text inverse> </Text> : null}
              </Text>
            </>
          )}
        {s.error ? <Text color="red">✗ {s.error}</Text> : null}
      </Box>
      <Footer ids={props.commands} width={props.width} />
    </Box>
  );
}
