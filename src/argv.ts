// What the command line asks for, read before commander (or anything heavy) is
// imported: bin.ts draws the UI's splash, or holds V8's young generation for a
// load, before the CLI's modules load.

/** The global options whose value is the next argument (src/cli/main.ts). */
const TAKES_VALUE = new Set(['--database-url', '--data-dir']);

/**
 * The command named on the command line, 'help' when -h/--help/-V/--version
 * comes before any, undefined when there is none (the UI).
 */
export function commandOf(argv: readonly string[]): string | undefined {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (TAKES_VALUE.has(a)) i++;
    else if (a === '-h' || a === '--help' || a === '-V' || a === '--version') return 'help';
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}
