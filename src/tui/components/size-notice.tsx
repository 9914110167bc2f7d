import { Box, Text } from 'ink';
import { useUiActions } from '../context.js';
import type { CommandId } from '../keys/commands.js';
import { matchCommand } from '../keys/match.js';
import { useKeys } from '../keys/use-keys.js';
import type { Size } from '../services/terminal-size.js';

/** The smallest terminal every screen is laid out for (SPEC §7: every frame fits from 80x24 up). */
export const MIN_SIZE: Size = { columns: 80, rows: 24 };

export function tooSmall(size: Size): boolean {
  return size.columns < MIN_SIZE.columns || size.rows < MIN_SIZE.rows;
}

const KEYS: CommandId[] = ['app.quit'];

/**
 * Shown instead of the screens while the terminal is smaller than MIN_SIZE:
 * a frame drawn taller or wider than the terminal scrolls and corrupts the
 * screen. The screens stay mounted underneath and come back where they were.
 */
export function SizeNotice({ size }: { size: Size }) {
  const { quit } = useUiActions();
  useKeys((input, key) => {
    if (matchCommand(KEYS, input, key) === 'app.quit') quit();
  });
  return (
    <Box flexDirection="column" width={size.columns} height={size.rows} overflow="hidden">
      <Text bold color="magenta">evtui</Text>
      <Text wrap="wrap">
        The terminal is {size.columns}x{size.rows}; evtui needs at least {MIN_SIZE.columns}x{MIN_SIZE.rows}.
      </Text>
      <Text wrap="wrap" color="yellow">Enlarge the window to go on, or press q to quit.</Text>
    </Box>
  );
}
