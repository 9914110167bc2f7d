import type { Command } from 'commander';

// Placeholder until the command is built.
export function registerFixtures(program: Command): void {
  program.command('fixtures').description('(not built yet)');
}
