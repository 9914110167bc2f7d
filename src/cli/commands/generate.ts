import type { Command } from 'commander';
import { once } from 'node:events';
import { generateEvents } from '../../ingest/generate.js';
import { usageFail } from '../main.js';

interface GenerateFlags {
  users?: string;
  days?: string;
  seed: string;
  start: string;
  signupEvent: string;
}

const HELP = `
Writes synthetic JSONL events to stdout: signups spread over the period,
activity that decays per user, several event names with properties, 2% of
users without a signup event, a few users active before signing up. The
same arguments always give byte-identical output.

Size: about 10 events per user for --days 30 and 23 for --days 90, so
  --users 100000 --days 30   ≈ 1M events
  --users 1000000 --days 30  ≈ 10M events
Events leave day by day in time order; memory holds one day.`;

function positiveInt(cmd: Command, name: string, v: string | undefined, max: number): number {
  if (v === undefined) usageFail(cmd, `--${name} is required`);
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1 || n > max) usageFail(cmd, `--${name} must be an integer from 1 to ${max}`);
  return n;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write deterministic synthetic events (JSONL) to stdout')
    .option('--users <n>', 'number of users')
    .option('--days <n>', 'length of the period in days')
    .option('--seed <s>', 'seed: the same seed gives the same events', '1')
    .option('--start <date>', 'first day (YYYY-MM-DD, UTC)', '2025-01-01')
    .option('--signup-event <name>', 'name of the signup event', 'signup')
    .addHelpText('after', HELP)
    .action(async (flags: GenerateFlags, cmd: Command) => {
      const users = positiveInt(cmd, 'users', flags.users, 10_000_000);
      const days = positiveInt(cmd, 'days', flags.days, 3650);
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(flags.start);
      const t = Date.parse(`${flags.start}T00:00:00Z`);
      if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== flags.start || t < 0) {
        usageFail(cmd, `--start must be a date YYYY-MM-DD from 1970 on, got "${flags.start}"`);
      }
      if (!flags.signupEvent.trim() || flags.signupEvent.length > 128) usageFail(cmd, '--signup-event must be a non-empty name of at most 128 characters');
      const out = process.stdout;
      let closed = false;
      // A reader that stops early (head, a closed pipe) ends the output quietly.
      out.on('error', () => {
        closed = true;
      });
      for (const chunk of generateEvents({ users, days, seed: flags.seed, start: flags.start, signupEvent: flags.signupEvent.trim() })) {
        if (closed) break;
        if (!out.write(chunk)) {
          try {
            await once(out, 'drain'); // rejects when the pipe breaks
          } catch {
            closed = true;
          }
        }
      }
    });
}
