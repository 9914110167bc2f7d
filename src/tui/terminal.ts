/**
 * The alternate screen: the UI draws on its own screen and the shell's
 * scrollback comes back untouched on every way out — q, Ctrl-C (raw mode
 * makes it a key), SIGTERM/SIGHUP, an uncaught exception. Restoring twice is
 * harmless; restoring is idempotent here so every path can call it.
 */
export const ENTER_ALT = '\x1b[?1049h\x1b[H';
export const LEAVE_ALT = '\x1b[?25h\x1b[?1049l';

export function altScreen(out: NodeJS.WriteStream = process.stdout) {
  let inside = false;
  return {
    enter() {
      if (inside) return;
      inside = true;
      out.write(ENTER_ALT);
    },
    leave() {
      if (!inside) return;
      inside = false;
      out.write(LEAVE_ALT);
    },
  };
}
