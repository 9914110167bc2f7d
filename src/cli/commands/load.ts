import { Option, type Command } from 'commander';
import Table from 'cli-table3';
import { EXIT } from '../../errors.js';
import { loadSource } from '../../ingest/load.js';
import { assertRejectsNotInput, resolveSource } from '../../ingest/source.js';
import type { LoadProgress, LoadResult } from '../../ingest/types.js';
import { resolveTarget } from '../../config.js';
import { globalFlags, out, withDb } from '../context.js';
import { releaseMemoryHold } from '../../memory-flags.js';
import { usageFail } from '../main.js';

interface LoadFlags {
  deriveIds?: boolean;
  rejects?: string;
  format: 'table' | 'json';
  batchSize?: number;
}

const HELP = `
Every non-blank line ends as exactly one of: inserted, duplicate (same
event_id, same content), conflict (same event_id, different content: the
stored row wins) or rejected (breaks the event contract). Conflicts and
rejects go to a rejects file with line number, reason and the raw line:
<file>.rejects.jsonl beside a file, ./stdin.rejects.jsonl for -, and
./<fixture>.rejects.jsonl for a fixture; written only when there is any.

--derive-ids gives each event a UUIDv5 derived from its content (event_name,
user_id, event_time in UTC, properties with sorted keys), for sources without
ids. A line that carries its own event_id is then rejected, so no id is ever
silently replaced. Identical events (same user, name, instant, properties)
become one event.

Exit codes: 0 all lines inserted or duplicates; 3 some lines were rejected
or conflicted; 1 a fatal error; 2 bad usage. With several sources, --format
json prints an array of objects (one per source, each with "source").`;

function json(r: LoadResult, withSource: boolean) {
  return {
    ...(withSource ? { source: r.source } : {}),
    lines: r.lines,
    inserted: r.inserted,
    duplicates: r.duplicates,
    conflicts: r.conflicts,
    rejected: r.rejected,
    rejects_file: r.rejectsFile,
    seconds: r.seconds,
  };
}

function table(results: LoadResult[]): string {
  const t = new Table({ style: { head: [], border: [] } });
  if (results.length === 1) {
    const r = results[0]!;
    for (const [k, v] of Object.entries(json(r, false))) t.push({ [k]: { content: v === null ? '-' : String(v), hAlign: typeof v === 'number' ? 'right' : 'left' } });
    return t.toString();
  }
  const cols = ['source', 'lines', 'inserted', 'duplicates', 'conflicts', 'rejected', 'rejects_file', 'seconds'];
  const wide = new Table({ head: cols, style: { head: [], border: [] } });
  for (const r of results) {
    const o = json(r, true) as Record<string, unknown>;
    wide.push(cols.map((c) => ({ content: o[c] === null ? '-' : String(o[c]), hAlign: typeof o[c] === 'number' ? 'right' : 'left' })));
  }
  return wide.toString();
}

function progressLine(label: string, p: LoadProgress): string {
  if (p.stage === 'indexing') return `${label}: ${p.lines.toLocaleString('en-US')} lines written; building the indexes`;
  if (p.stage === 'analyzing') return `${label}: ${p.lines.toLocaleString('en-US')} lines written; updating the table's visibility map and statistics`;
  const pct = p.totalBytes ? ` ${((100 * p.bytesRead) / Math.max(1, p.totalBytes)).toFixed(0)}%` : '';
  return (
    `${label}:${pct} ${p.lines.toLocaleString('en-US')} lines, ${Math.round(p.eventsPerSecond).toLocaleString('en-US')} events/s` +
    ` | inserted ${p.inserted} duplicates ${p.duplicates} conflicts ${p.conflicts} rejected ${p.rejected}`
  );
}

export function registerLoad(program: Command): void {
  program
    .command('load')
    .description('load events from JSONL files, fixtures or - (stdin); prints the outcome counts')
    .argument('<sources...>', 'JSONL file, fixture name (evtui fixtures), or - for stdin')
    .option('--derive-ids', 'derive each event_id from the event content (for sources without ids)')
    .option('--rejects <path>', 'where to write conflicts and rejects')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addOption(new Option('--batch-size <n>', 'events per transaction').hideHelp().argParser((v) => Number(v)))
    .addHelpText('after', HELP)
    .action(async (sources: string[], flags: LoadFlags, cmd: Command) => {
      if (sources.filter((s) => s === '-').length > 1) usageFail(cmd, 'stdin (-) can be read only once');
      if (flags.batchSize !== undefined && !(Number.isInteger(flags.batchSize) && flags.batchSize > 0)) usageFail(cmd, '--batch-size must be a positive integer');
      // Every source must exist before anything is loaded: a typo in the third name should not leave two loaded.
      // --rejects must not be any of them: a later source would be truncated before it is read.
      for (const s of sources) {
        const src = resolveSource(s);
        if (flags.rejects !== undefined) assertRejectsNotInput(src, flags.rejects);
      }
      if (resolveTarget(globalFlags(cmd)).databaseUrl) releaseMemoryHold();
      const tty = process.stderr.isTTY === true;
      const shared = flags.rejects !== undefined && sources.length > 1;
      const results = await withDb(cmd, async (db) => {
        const rs: LoadResult[] = [];
        for (const s of sources) {
          const r = await loadSource(db, s, {
            deriveIds: flags.deriveIds,
            rejectsPath: flags.rejects,
            // One --rejects file for several sources: the first source with something to say starts it.
            rejectsAppend: shared && rs.some((x) => x.rejectsFile),
            rejectsWithSource: shared,
            batchSize: flags.batchSize,
            onProgress: tty ? (p) => process.stderr.write(`\r\x1b[K${progressLine(s, p)}`) : undefined,
          });
          if (tty) process.stderr.write('\r\x1b[K');
          rs.push(r);
        }
        return rs;
      }, { forLoad: true });
      if (flags.format === 'json') {
        const many = results.length > 1;
        out(JSON.stringify(many ? results.map((r) => json(r, true)) : json(results[0]!, false), null, 2));
      } else {
        out(table(results));
        const files = results.map((r) => r.rejectsFile).filter((f): f is string => !!f);
        for (const f of new Set(files)) out(`conflicts and rejects written to ${f}`);
      }
      if (results.some((r) => r.rejected > 0 || r.conflicts > 0)) process.exitCode = EXIT.partial;
    });
}
