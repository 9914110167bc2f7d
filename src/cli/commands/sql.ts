import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { runReadOnlySql } from '../../metrics/sql-console.js';
import { out, withDb } from '../context.js';
import { renderRows, FORMATS, type Format } from '../../format/rows.js';
import { usageFail } from '../main.js';

const HELP = `
The query runs in a read-only transaction with a statement timeout, one
statement at a time: nothing can be written through it. Use - to read the
query from stdin. Example:
  evtui sql "select event_name, count(*) from events group by 1 order by 2 desc"`;

export function registerSql(program: Command): void {
  program
    .command('sql')
    .description('run one read-only SQL query')
    .argument('<query>', 'the query, or - to read it from stdin')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS as string[]).default('table'))
    .option('--timeout <seconds>', 'statement timeout in seconds (default: 30)')
    .addHelpText('after', HELP)
    .action(async (query: string, opts: { format: Format; timeout?: string }, c: Command) => {
      const timeout = opts.timeout === undefined ? 30 : Number(opts.timeout);
      if (!Number.isFinite(timeout) || timeout <= 0) usageFail(c, `--timeout must be a positive number of seconds (got "${opts.timeout}")`);
      const text = query === '-' ? fs.readFileSync(0, 'utf8') : query;
      const r = await withDb(c, (db) => runReadOnlySql(db, text, { timeoutMs: Math.round(timeout * 1000) }));
      out(renderRows(r.rows, r.columns, opts.format, opts.format === 'table' ? process.stdout.columns : undefined));
    });
}
