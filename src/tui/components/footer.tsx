import { Box, Text } from 'ink';
import { COMMANDS, PAIRED, type CommandId } from '../keys/commands.js';

/**
 * The keys that apply now, generated from the key table, in the screen's
 * order of importance; trimmed to the width, with `q quit` and `? help`
 * always last (the two a lost user needs).
 */
export function Footer({ ids, width, note }: { ids: readonly CommandId[]; width: number; note?: string }) {
  const hasQuit = ids.includes('app.quit');
  const shown = ids.filter((id) => !PAIRED.has(id) && id !== 'app.help' && id !== 'app.quit');
  const parts: { key: string; label: string }[] = [];
  let used = 8 + (hasQuit ? 8 : 0); // room for "q quit  ? help"
  if (note) used += note.length + 2;
  for (const id of shown) {
    const c = COMMANDS[id];
    const key = 'show' in c && c.show ? c.show : c.keys[0]!;
    const len = key.length + c.label.length + 3;
    if (used + len > width) break;
    used += len;
    parts.push({ key, label: c.label });
  }
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate">
        {note ? <Text color="yellow">{note}  </Text> : null}
        {parts.map((p) => (
          <Text key={p.key + p.label}>
            <Text bold color="cyan">{p.key}</Text> {p.label}{'  '}
          </Text>
        ))}
        {hasQuit ? (
          <>
            <Text bold color="cyan">q</Text> quit{'  '}
          </>
        ) : null}
        <Text bold color="cyan">?</Text> help
      </Text>
    </Box>
  );
}
