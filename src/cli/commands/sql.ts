import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { DEFAULT_MAX_ROWS, runReadOnlySql } from '../../metrics/sql-console.js';
import { out, withDb } from '../context.js';
import { CANCELLABLE_OPEN, cancellableOnCtrlC } from '../interrupt.js';
import { renderRows, FORMATS, type Format } from '../../format/rows.js';
import { usageFail } from '../main.js';

const HELP = `
The query runs as the evtui_reader role, which may read events and nothing
else, in a read-only transaction that always rolls back, with a statement
timeout; one statement at a time, and only statements that return rows.
Nothing can be written through it. Ctrl-C cancels the query (exit 130).
Use - to read the query from stdin. Example:
  evtui sql "select event_name, count(*) from events group by 1 order by 2 desc"`;

export function registerSql(program: Command): void {
  program
    .command('sql')
    .description('run one read-only SQL query')
    .argument('<query>', 'the query, or - to read it from stdin')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS as string[]).default('table'))
    .option('--timeout <seconds>', 'statement timeout in seconds (default: 30)')
    .option('--max-rows <n>', `rows printed at most; more are cut with a line on stderr (default: ${DEFAULT_MAX_ROWS})`)
    .addHelpText('after', HELP)
    .action(async (query: string, opts: { format: Format; timeout?: string; maxRows?: string }, c: Command) => {
      const timeout = opts.timeout === undefined ? 30 : Number(opts.timeout);
      if (!Number.isFinite(timeout) || timeout <= 0) usageFail(c, `--timeout must be a positive number of seconds (got "${opts.timeout}")`);
      const maxRows = opts.maxRows === undefined ? DEFAULT_MAX_ROWS : Number(opts.maxRows);
      if (!Number.isInteger(maxRows) || maxRows < 1) usageFail(c, `--max-rows must be a positive whole number (got "${opts.maxRows}")`);
      const text = query === '-' ? fs.readFileSync(0, 'utf8') : query;
      const r = await withDb(c, (db) => cancellableOnCtrlC(db, (signal) => runReadOnlySql(db, text, { timeoutMs: Math.round(timeout * 1000), maxRows, signal })), CANCELLABLE_OPEN);
      if (r.warning) process.stderr.write(`evtui: ${r.warning}\n`);
      out(renderRows(r.rows, r.columns, opts.format, opts.format === 'table' ? process.stdout.columns : undefined));
      if (r.truncated) process.stderr.write(`evtui: first ${r.rows.length} rows shown; the result has more (--max-rows N to see more)\n`);
    });
}
