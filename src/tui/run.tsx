import chalk from 'chalk';
import { render } from 'ink';
import type { DbTarget, UiOptions } from '../config.js';
import type { Db } from '../db/types.js';
import { EXIT, errorMessage } from '../errors.js';
import { BootScreen } from './screens/boot/index.js';
import { startOpening, type Opening } from './services/opening.js';
import { altScreen } from './terminal.js';
import { colorLevel } from './color.js';

/**
 * The UI on Ink, once its modules are loaded (main.ts). Returns the exit code.
 * Every exit path closes the database and restores the terminal.
 */
export async function runInk(opts: UiOptions, target: DbTarget, opening: Opening): Promise<number> {
  const screen = altScreen();
  let db: Db | null = null;
  let pending = opening;
  const reopen = () => (pending = startOpening(target));
  const closeDb = async () => {
    // A database that hangs on close (or is still opening) must not keep the terminal hostage.
    const timeout = new Promise<null>((r) => setTimeout(() => r(null), 2000).unref());
    const d = db ?? (await Promise.race([pending.db.catch(() => null), timeout]));
    db = null;
    if (d) await Promise.race([d.close().catch(() => {}), timeout]);
  };

  // Ink styles through chalk's shared instance; its level is set from the terminal (color.ts).
  chalk.level = colorLevel(process.env, Boolean(process.stdout.isTTY));
  screen.enter();
  const instance = render(<BootScreen opening={opening} reopen={reopen} options={{ demo: opts.demo }} onDb={(d) => (db = d)} />, {
    exitOnCtrlC: false,
    // Ink holds a frame back up to 1000/maxFps ms after the previous one; at its default 30 a result
    // arriving just after a spinner tick waits 33 ms to be drawn.
    maxFps: 60,
  });

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
