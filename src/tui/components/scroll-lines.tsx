import { Box, Text } from 'ink';
import { markLine } from './cursor-line.js';

/** A window of `height` lines from `lines`, starting at `offset` (clamped), each cut to the width. */
export function ScrollLines({ lines, offset, height, width, highlight }: { lines: readonly string[]; offset: number; height: number; width: number; highlight?: number }) {
  const start = highlight === undefined ? clampOffset(offset, lines.length, height) : followOffset(highlight, lines.length, height);
  const visible = lines.slice(start, start + height);
  return (
    <Box flexDirection="column" height={Math.max(0, height)} width={width} overflow="hidden">
      {visible.map((l, i) => (
        <Text key={start + i} wrap="truncate" inverse={start + i === highlight}>
          {start + i === highlight ? markLine(l || ' ') : l || ' '}
        </Text>
      ))}
    </Box>
  );
}

export function clampOffset(offset: number, total: number, height: number): number {
  return Math.max(0, Math.min(offset, total - height));
}

export function maxOffset(total: number, height: number): number {
  return Math.max(0, total - height);
}

/** The offset that keeps the highlighted line on screen, a little context above it. */
export function followOffset(line: number, total: number, height: number): number {
  return clampOffset(Math.max(0, line - height + 2), total, height);
}
