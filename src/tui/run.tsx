import { render } from 'ink';
import type { UiOptions } from '../cli/main.js';
import { resolveTarget } from '../config.js';
import type { Db } from '../db/types.js';
import { EXIT, errorMessage } from '../errors.js';
import { BootScreen } from './screens/boot/index.js';
import { altScreen } from './terminal.js';

/**
 * `evtui` with no command: the interactive UI. Returns the exit code. Every
 * exit path closes the database and restores the terminal.
 */
export async function runTui(opts: UiOptions): Promise<number> {
  const target = resolveTarget(opts);
  const screen = altScreen();
  let db: Db | null = null;
  const closeDb = async () => {
    const d = db;
    db = null;
    // A database that hangs on close must not keep the terminal hostage.
    if (d) await Promise.race([d.close().catch(() => {}), new Promise((r) => setTimeout(r, 2000))]);
  };

  screen.enter();
  const instance = render(<BootScreen target={target} options={{ demo: opts.demo }} onDb={(d) => (db = d)} />, { exitOnCtrlC: false });

  // Once the terminal is gone (SIGHUP, a closed pty), every write fails with
  // EIO; such errors must not come back here as crashes, or the process would
  // spin reporting them forever instead of exiting.
  const ignore = () => {};
  process.stdout.on('error', ignore);
  process.stderr.on('error', ignore);
  let dying = false;
  const die = (code: number, message?: string) => {
    if (dying) return;
    dying = true;
    // Whatever happens below, the process ends.
    setTimeout(() => process.exit(code), 2500).unref();
    try {
      instance.unmount();
    } catch {
      // already unmounted
    }
    try {
      screen.leave();
      if (message) process.stderr.write(message);
    } catch {
      // no terminal left to restore or to tell
    }
    void closeDb().finally(() => process.exit(code));
  };
  const onSignal = (sig: NodeJS.Signals) => die(sig === 'SIGTERM' ? 143 : 129);
  const onCrash = (err: unknown) =>
    die(EXIT.fatal, `evtui: ${errorMessage(err)}\n` + (opts.debug && err instanceof Error && err.stack ? err.stack + '\n' : 'evtui: this looks like a bug; run again with --debug for details\n'));
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('SIGINT', onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', screen.leave);

  let code: number = EXIT.ok;
  try {
    await instance.waitUntilExit();
  } catch (err) {
    screen.leave();
    process.stderr.write(`evtui: ${errorMessage(err)}\n`);
    if (opts.debug && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    code = EXIT.fatal;
  } finally {
    screen.leave();
    await closeDb();
    for (const [ev, fn] of [['SIGTERM', onSignal], ['SIGHUP', onSignal], ['SIGINT', onSignal], ['uncaughtException', onCrash], ['unhandledRejection', onCrash]] as const) {
      process.off(ev, fn as never);
    }
  }
  return code;
}
