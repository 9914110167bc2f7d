import { Command, CommanderError, Option } from 'commander';
import { EXIT, UserError, errorMessage } from '../errors.js';
import type { UiOptions } from '../config.js';
import { globalFlags } from './context.js';
import { registerFixtures } from './commands/fixtures.js';
import { registerGenerate } from './commands/generate.js';
import { registerLoad } from './commands/load.js';
import { registerMetric } from './commands/metric.js';
import { registerMetrics } from './commands/metrics.js';
import { registerSql } from './commands/sql.js';

export interface CliHooks {
  launchUi: (opts: UiOptions) => Promise<number>;
}

const NO_TTY =
  'evtui: the interactive UI needs a terminal, and stdin is not one.\n' +
  'From scripts use the commands: evtui load, metric, metrics, sql, fixtures, generate (evtui --help).\n';

export function buildProgram(hooks: CliHooks): Command {
  const program = new Command('evtui')
    .description('Load product events into PostgreSQL and read engagement, retention, funnel and churn metrics.')
    .addOption(new Option('--database-url <url>', 'PostgreSQL server (else DATABASE_URL, else the embedded database)'))
    .addOption(new Option('--data-dir <dir>', 'embedded database directory (default ${XDG_DATA_HOME:-~/.local/share}/evtui)'))
    .addOption(new Option('--memory', 'a throwaway in-memory embedded database'))
    .addOption(new Option('--demo', 'open the UI with the demo dataset loaded'))
    .addOption(new Option('--debug', 'print stack traces'))
    .showHelpAfterError('(evtui --help lists the commands and options)')
    .exitOverride()
    .action(async (_o, cmd: Command) => {
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        process.stderr.write(NO_TTY);
        process.exitCode = EXIT.usage;
        return;
      }
      const g = globalFlags(cmd);
      process.exitCode = await hooks.launchUi({ ...g, demo: Boolean(cmd.opts().demo) });
    });
  for (const register of [registerLoad, registerMetric, registerMetrics, registerSql, registerFixtures, registerGenerate]) {
    register(program);
  }
  // Every subcommand: usage errors print its usage line and exit 2.
  for (const c of program.commands) {
    c.showHelpAfterError(`Usage: evtui ${c.name()} ${c.usage()}\n(evtui ${c.name()} --help for every option)`).exitOverride();
  }
  return program;
}

/** Runs one command line; never throws, sets process.exitCode. */
export async function runCli(argv: string[], hooks: CliHooks): Promise<void> {
  const program = buildProgram(hooks);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = reportError(err, debug);
  }
}

export function reportError(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // commander already printed the message and usage (or the help text)
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.ok;
    return EXIT.usage;
  }
  if (err instanceof UserError) {
    process.stderr.write(`evtui: ${errorMessage(err)}\n`);
    if (debug && err.stack) process.stderr.write(err.stack + '\n');
    return err.exitCode;
  }
  const e = err as { code?: string };
  // A database error from the user's own SQL or data is still one line.
  process.stderr.write(`evtui: ${errorMessage(err)}${e.code && /^[0-9A-Z]{5}$/.test(e.code) ? ` (SQLSTATE ${e.code})` : ''}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
  else if (!(e.code && /^[0-9A-Z]{5}$/.test(e.code))) process.stderr.write('evtui: this looks like a bug; run again with --debug for details\n');
  return EXIT.fatal;
}

/** A usage problem found after parsing (a bad date, an unknown metric): message + usage, exit 2. */
export function usageFail(cmd: Command, message: string): never {
  cmd.error(`error: ${message}`, { exitCode: EXIT.usage, code: 'evtui.usage' });
}
