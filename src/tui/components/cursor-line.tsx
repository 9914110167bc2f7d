import { Text } from 'ink';
import type { ReactNode } from 'react';

/** Marks the selected line, beside its inverse style, so the selection shows without color too (NO_COLOR, a monochrome terminal). */
export const CURSOR_GLYPH = '▸';

/** A line of a pick list: the glyph and inverse on the selected one, two spaces before the others. */
export function CursorLine({ selected, color, children }: { selected: boolean; color?: string; children: ReactNode }) {
  return (
    <Text wrap="truncate" inverse={selected} color={color}>
      {selected ? `${CURSOR_GLYPH} ` : '  '}
      {children}
    </Text>
  );
}

/** A highlighted line of a table or list drawn as text: its first character (a border or margin) becomes the glyph. */
export function markLine(line: string): string {
  return CURSOR_GLYPH + line.slice(1);
}
