import { Option, type Command } from 'commander';
import { METRICS } from '../../metrics/catalogue.js';
import { out } from '../context.js';
import { renderRows, FORMATS, type Format } from '../../format/rows.js';

/** The catalogue: each metric's name and the one-line definition from its SQL header. */
export function registerMetrics(program: Command): void {
  program
    .command('metrics')
    .description('list the metrics with one-line definitions')
    .option('--all', 'include drill-down queries (user_timeline)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS as string[]).default('table'))
    .action((opts: { all?: boolean; format: Format }) => {
      const rows = METRICS.filter((m) => m.listed || opts.all).map((m) => ({
        metric: m.name,
        definition: m.summary,
        parameters: m.params.join(', '),
        sql: m.file,
      }));
      if (opts.format === 'table') {
        // name and definition read best as plain lines; the rest is in --format json/csv
        const w = Math.max(...rows.map((r) => r.metric.length));
        out(rows.map((r) => `${r.metric.padEnd(w)}  ${r.definition}`).join('\n'));
        return;
      }
      out(renderRows(rows, ['metric', 'definition', 'parameters', 'sql'], opts.format));
    });
}
