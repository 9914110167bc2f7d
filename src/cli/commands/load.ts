import type { Command } from 'commander';

// Placeholder until the command is built.
export function registerLoad(program: Command): void {
  program.command('load').description('(not built yet)');
}
