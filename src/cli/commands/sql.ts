import type { Command } from 'commander';

// Placeholder until the command is built.
export function registerSql(program: Command): void {
  program.command('sql').description('(not built yet)');
}
