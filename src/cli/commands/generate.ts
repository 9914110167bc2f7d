import type { Command } from 'commander';

// Placeholder until the command is built.
export function registerGenerate(program: Command): void {
  program.command('generate').description('(not built yet)');
}
