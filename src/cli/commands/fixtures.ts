import { Option, type Command } from 'commander';
import { listFixtures } from '../../ingest/fixtures.js';
import { renderRows } from '../../format/rows.js';
import { out } from '../context.js';

export function registerFixtures(program: Command): void {
  program
    .command('fixtures')
    .description('list the shipped datasets (load one with: evtui load <name>)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .action((flags: { format: 'table' | 'csv' | 'json' }) => {
      const rows = listFixtures().map((f) => ({ name: f.name, events: f.events, description: f.description }));
      out(renderRows(rows, ['name', 'events', 'description'], flags.format, process.stdout.columns));
    });
}
