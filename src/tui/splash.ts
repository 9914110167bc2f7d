import { commandOf } from '../argv.js';
import { ENTER_ALT, LEAVE_ALT } from './terminal.js';

/**
 * The first frame, drawn before anything heavy is imported: loading Ink (its
 * layout engine is WebAssembly) and the database drivers takes most of a
 * second, and an analyst who launched `evtui` should see it answer at once.
 * The UI takes over this screen; the exit hook only matters if it never does.
 */
export function splash(out: NodeJS.WriteStream = process.stdout): void {
  out.write(`${ENTER_ALT}\x1b[2J\x1b[?25levtui\r\nstarting…\r\n`);
  process.once('exit', () => {
    try {
      out.write(LEAVE_ALT);
    } catch {
      // no terminal left
    }
  });
}

/** `evtui` with no command on a terminal: the UI is what will run. */
export function launchesUi(argv: readonly string[]): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true && commandOf(argv) === undefined;
}
