import type { Command } from 'commander';

// Placeholder until the command is built.
export function registerMetric(program: Command): void {
  program.command('metric').description('(not built yet)');
}
