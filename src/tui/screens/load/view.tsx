import { Box, Text } from 'ink';
import type { FixtureInfo, LoadProgress, LoadResult } from '../../../ingest/types.js';
import { CursorLine } from '../../components/cursor-line.js';
import { Footer } from '../../components/footer.js';
import { Spinner } from '../../components/spinner.js';
import type { CommandId } from '../../keys/commands.js';
import type { LoadState } from './state.js';

const n = (v: number) => v.toLocaleString('en-US');

export function progressBar(p: LoadProgress, width: number): string {
  const w = Math.max(10, Math.min(50, width - 20));
  if (!p.totalBytes) return '';
  const f = Math.min(1, p.bytesRead / p.totalBytes);
  const filled = Math.round(f * w);
  return `${'█'.repeat(filled)}${'░'.repeat(w - filled)} ${(f * 100).toFixed(0).padStart(3)}%`;
}

export function countsLine(c: { lines: number; inserted: number; duplicates: number; conflicts: number; rejected: number }): string {
  return `lines ${n(c.lines)} · inserted ${n(c.inserted)} · duplicates ${n(c.duplicates)} · conflicts ${n(c.conflicts)} · rejected ${n(c.rejected)}`;
}

function summary(r: LoadResult): string[] {
  const out = [`✓ loaded in ${r.seconds.toFixed(1)} s`, countsLine(r)];
  out.push(r.rejectsFile ? `conflicts and rejects (line, reason, raw line) written to ${r.rejectsFile}` : 'no conflicts or rejects: nothing written aside');
  return out;
}

export function LoadView(props: { state: LoadState; fixtures: readonly FixtureInfo[]; width: number; height: number; commands: readonly CommandId[] }) {
  const { state: s, fixtures } = props;
  const items = [...fixtures.map((f) => `${f.name.padEnd(14)} ${n(f.events).padStart(9)} events  ${f.description}`), 'a JSONL file…  type its path'];
  const p = s.progress;
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Box flexDirection="column" height={props.height - 1} overflow="hidden">
        <Text bold>Load events</Text>
        {s.phase === 'pick'
          ? items.map((it, i) => (
              <CursorLine key={i} selected={i === s.cursor}>
                {it}
              </CursorLine>
            ))
          : null}
        {s.phase === 'path' ? (
          <Text wrap="truncate">
            JSONL file: {s.path}
            <Text inverse> </Text>
          </Text>
        ) : null}
        {s.phase === 'running' ? (
          <>
            <Spinner label={`loading ${s.source ?? ''}`} />
            {p ? (
              <>
                <Text>{progressBar(p, props.width)}</Text>
                <Text wrap="truncate">{countsLine(p)}</Text>
                <Text wrap="truncate">
                  {p.stage === 'indexing'
                    ? 'every line written; building the indexes…'
                    : p.stage === 'analyzing'
                      ? 'every line written; updating the visibility map and statistics for the metrics…'
                      : `${n(Math.round(p.eventsPerSecond))} events/s · ${p.elapsedSeconds.toFixed(1)} s`}
                </Text>
              </>
            ) : (
              <Text dimColor>starting…</Text>
            )}
            <Text dimColor>the UI stays usable: Esc stops the load (what is written stays; loading again completes it)</Text>
          </>
        ) : null}
        {s.phase === 'done' && s.result ? (
          <>
            <Text>{s.source}</Text>
            {summary(s.result).map((l, i) => (
              <Text key={i} wrap="wrap" color={i === 0 ? 'green' : undefined}>{l}</Text>
            ))}
            <Text dimColor>Enter or Esc: back to the metrics (they refresh)</Text>
          </>
        ) : null}
        {s.message ? <Text color="red" wrap="wrap">✗ {s.message}</Text> : null}
      </Box>
      <Footer ids={props.commands} width={props.width} />
    </Box>
  );
}
