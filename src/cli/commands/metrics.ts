import type { Command } from 'commander';

// Placeholder until the command is built.
export function registerMetrics(program: Command): void {
  program.command('metrics').description('(not built yet)');
}
