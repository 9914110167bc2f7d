import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { appReducer, initialAppState } from '../../src/tui/app-state.js';
import { matchCommand, typedText } from '../../src/tui/keys/match.js';
import { splitKeys } from '../../src/tui/keys/use-keys.js';
import { checkTz, checkWindow, presetWindow } from '../../src/tui/params.js';
import { columnChart } from '../../src/tui/render/chart.js';
import { durationText, wordWrap } from '../../src/tui/render/format.js';
import { matrixLines } from '../../src/tui/render/shapes.js';
import { churnReducer, initialChurnState } from '../../src/tui/screens/churn/state.js';
import { consoleReducer, endsStatement, initialConsoleState } from '../../src/tui/screens/console/state.js';
import { initialLoadState, loadReducer } from '../../src/tui/screens/load/state.js';
import { initialMetricsState, metricsReducer } from '../../src/tui/screens/metrics/state.js';
import { submitPrompt } from '../../src/tui/screens/prompt/state.js';
import { initialWindowState, submitCustom, windowReducer } from '../../src/tui/screens/window/state.js';

const K = (over: Partial<Key> = {}): Key => ({
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false, ...over,
});

describe('keys', () => {
  it('matches commands from the table: Enter, Alt-Enter, Ctrl-J, Ctrl-C, letters', () => {
    const ids = ['console.run', 'console.newline', 'console.cancel', 'app.quit'] as const;
    expect(matchCommand(ids, '\r', K({ return: true }))).toBe('console.newline');
    expect(matchCommand(ids, '\r', K({ return: true, meta: true }))).toBe('console.run');
    expect(matchCommand(ids, '\n', K())).toBe('console.run');
    expect(matchCommand(ids, 'c', K({ ctrl: true }))).toBe('console.cancel');
    expect(matchCommand(['app.quit'], 'q', K())).toBe('app.quit');
    expect(matchCommand(['app.quit'], 'q', K({ meta: true }))).toBeUndefined();
    expect(matchCommand(['nav.up'], 'k', K())).toBe('nav.up');
    expect(matchCommand(['nav.up'], '', K({ upArrow: true }))).toBe('nav.up');
  });

  it('typed text keeps printable characters and pasted line breaks only', () => {
    expect(typedText('ab\r\ncd', K())).toBe('ab\ncd');
    expect(typedText('x', K({ ctrl: true }))).toBeNull();
    expect(typedText('', K({ upArrow: true }))).toBeNull();
  });

  it('a chunk of keys typed while busy is replayed one key at a time', () => {
    const keys = splitKeys('jj\r', K());
    expect(keys.map(([i]) => i)).toEqual(['j', 'j', '\r']);
    expect(keys[2]![1].return).toBe(true);
    expect(splitKeys('\r', K({ return: true }))).toHaveLength(1);
    // ESC ESC in one read (a quick double Esc) is two Esc presses, not Alt+Esc.
    const escs = splitKeys('', K({ escape: true, meta: true }), '\x1b\x1b');
    expect(escs).toHaveLength(2);
    expect(escs.every(([, k]) => k.escape && !k.meta)).toBe(true);
    expect(splitKeys('', K({ escape: true, meta: true }), '\x1b')).toHaveLength(1);
  });
});

describe('reducers', () => {
  it('metrics: the cursor stays in the list; Enter on the open metric reruns it', () => {
    let s = initialMetricsState('dau');
    s = metricsReducer(s, { type: 'move', delta: -1, count: 10 });
    expect(s.cursor).toBe(0);
    s = metricsReducer(s, { type: 'move', delta: 20, count: 10 });
    expect(s.cursor).toBe(9);
    s = metricsReducer(s, { type: 'open', name: 'dau' });
    expect(s.runNonce).toBe(1);
    s = metricsReducer(s, { type: 'scroll', to: 'bottom', max: 40 });
    expect(s.scroll).toBe(40);
    s = metricsReducer(s, { type: 'scroll', to: 15, max: 40 });
    expect(s.scroll).toBe(40);
  });

  it('churn: Esc goes back one level and keeps each cursor; paging stays inside the segment', () => {
    let s = churnReducer(initialChurnState, { type: 'move', delta: 1, count: 4 });
    s = churnReducer(s, { type: 'openSegment', status: 'soft_churn' });
    s = churnReducer(s, { type: 'page', delta: 1, pageSize: 20, total: 45 });
    s = churnReducer(s, { type: 'move', delta: 3, count: 20 });
    s = churnReducer(s, { type: 'openUser', userId: 'u9' });
    expect(s.level).toBe('timeline');
    s = churnReducer(s, { type: 'back' });
    expect([s.level, s.offset, s.userCursor]).toEqual(['users', 20, 3]);
    s = churnReducer(s, { type: 'page', delta: 1, pageSize: 20, total: 45 });
    expect(s.offset).toBe(40);
    s = churnReducer(s, { type: 'page', delta: 1, pageSize: 20, total: 45 });
    expect(s.offset).toBe(40);
    s = churnReducer(s, { type: 'back' });
    expect([s.level, s.segCursor]).toEqual(['segments', 1]);
    s = churnReducer(s, { type: 'openSegment', status: 'soft_churn' });
    expect([s.offset, s.userCursor]).toEqual([40, 0]);
  });

  it('console: ; ends a statement; history walks back and returns to the draft', () => {
    expect(endsStatement('select 1;  \n')).toBe(true);
    expect(endsStatement('select 1')).toBe(false);
    let s = consoleReducer(initialConsoleState, { type: 'type', text: 'select 1;' });
    s = consoleReducer(s, { type: 'submitted' });
    s = consoleReducer(s, { type: 'type', text: 'select 2;' });
    s = consoleReducer(s, { type: 'submitted' });
    s = consoleReducer(s, { type: 'type', text: 'draft' });
    s = consoleReducer(s, { type: 'historyPrev' });
    expect(s.buffer).toBe('select 2;');
    s = consoleReducer(s, { type: 'historyPrev' });
    s = consoleReducer(s, { type: 'historyPrev' });
    expect(s.buffer).toBe('select 1;');
    s = consoleReducer(s, { type: 'historyNext' });
    s = consoleReducer(s, { type: 'historyNext' });
    expect(s.buffer).toBe('draft');
    expect(s.history).toEqual(['select 1;', 'select 2;']);
  });

  it('load: a failed load goes back to where the source was chosen, with the message', () => {
    let s = loadReducer(initialLoadState, { type: 'askPath' });
    s = loadReducer(s, { type: 'type', text: '/tmp/x.jsonl' });
    s = loadReducer(s, { type: 'started', source: '/tmp/x.jsonl', from: 'path' });
    s = loadReducer(s, { type: 'failed', message: 'boom' });
    s = loadReducer(s, { type: 'retreat' });
    expect([s.phase, s.path, s.message]).toEqual(['path', '/tmp/x.jsonl', 'boom']);
  });

  it('window: custom dates are checked together; a new window resets as-of', () => {
    let s = windowReducer(initialWindowState(), { type: 'custom' });
    s = windowReducer(s, { type: 'type', text: '2025-01-10' });
    expect(submitCustom(s)).toEqual({ next: { type: 'nextField' } });
    s = windowReducer(s, { type: 'nextField' });
    s = windowReducer(s, { type: 'type', text: '2025-01-01' });
    expect(submitCustom(s)).toEqual({ next: { type: 'error', message: 'from 2025-01-10 is after to 2025-01-01' } });
    expect(checkWindow('2025-02-29', '2025-03-01')).toBe('from 2025-02-29 is not a calendar date');
    let a = appReducer(initialAppState(), { type: 'params', patch: { as_of: '2025-01-05' } });
    a = appReducer(a, { type: 'params', patch: { from: '2025-01-01', to: '2025-01-31' } });
    expect(a.params.as_of).toBeUndefined();
  });

  it('prompts: time zone, as-of and window days are validated before they apply', () => {
    expect(submitPrompt('tz', 'Europe/Paris')).toEqual({ patch: { tz: 'Europe/Paris' } });
    expect(submitPrompt('tz', 'Nowhere/City')).toEqual({ error: 'unknown time zone "Nowhere/City" (an IANA name, e.g. Europe/Paris)' });
    expect(submitPrompt('as_of', '')).toEqual({ patch: { as_of: undefined } });
    expect(submitPrompt('window_days', '14')).toEqual({ patch: { window_days: 14 } });
    expect(checkTz('')).toMatch(/empty/);
  });

  it('presets count back from the newest event, in the reporting time zone', () => {
    const summary = { events: 2, users: 1, firstEvent: new Date('2025-01-01T00:30:00Z'), lastEvent: new Date('2025-03-31T23:30:00Z') };
    expect(presetWindow(7, summary, 'UTC')).toEqual({ from: '2025-03-25', to: '2025-03-31' });
    expect(presetWindow(7, summary, 'Asia/Tokyo')).toEqual({ from: '2025-03-26', to: '2025-04-01' });
    expect(presetWindow('all', summary, 'America/New_York')).toEqual({ from: '2024-12-31', to: '2025-03-31' });
    expect(presetWindow(30, { ...summary, lastEvent: null, firstEvent: null }, 'UTC')).toBeNull();
  });
});

describe('rendering', () => {
  it('a column chart spans its range: the lowest value a sliver, the highest a full column, both labelled; gaps for nulls', () => {
    const lines = columnChart([300, 470, null, 385], { width: 40, height: 2, firstLabel: 'a', lastLabel: 'b' });
    // Four days in 33 columns: three columns a day.
    expect(lines[0]).toBe('   470│   ███   ▁▁▁');
    expect(lines[1]).toBe('   300│▁▁▁███   ███');
    expect(lines[2]).toBe('      └────────────');
  });

  it('a column chart puts the first, middle and last dates under their columns where they fit', () => {
    const days = Array.from({ length: 40 }, (_, i) => `day ${String(i + 1).padStart(6, '0')}`);
    const lines = columnChart(days.map((_, i) => 300 + i), { width: 60, firstLabel: days[0]!, midLabel: days[19], lastLabel: days[39]! });
    const axis = lines[lines.length - 1]!;
    expect(axis.trim()).toMatch(/^day 000001\s+day 000020\s+day 000040$/);
    // Too narrow for three: the first and the last.
    const narrow = columnChart(days.slice(0, 30).map((_, i) => 300 + i), { width: 60, firstLabel: days[0]!, midLabel: days[14], lastLabel: days[29]! });
    expect(narrow[narrow.length - 1]!.trim()).toMatch(/^day 000001\s+day 000030$/);
    // The last date ends under the last column.
    expect(axis.length).toBe(lines[lines.length - 2]!.length);
    // A flat series sits at mid height rather than looking empty or full.
    const flat = columnChart([5, 5, 5], { width: 40, height: 2, firstLabel: 'a', lastLabel: 'b' });
    expect(flat.slice(0, 2)).toEqual(['     5│         ', '     5│█████████']);
  });

  it('word wrap breaks at spaces, never starts a line with one, and cuts a word longer than the width', () => {
    expect(wordWrap('Users who signed up in [from, to], grouped', 12)).toEqual(['Users who', 'signed up in', '[from, to],', 'grouped']);
    expect(wordWrap('abcdefghij kl', 4)).toEqual(['abcd', 'efgh', 'ij', 'kl']);
  });

  it('the cohort matrix marks incomplete periods and shades each cell by its rate', () => {
    const rows = [
      { cohort: '2025-03-03', period: 0, cohort_users: 4, active_users: 4, retention_rate: 1, complete: true },
      { cohort: '2025-03-03', period: 1, cohort_users: 4, active_users: 1, retention_rate: 0.25, complete: false },
    ];
    const text = matrixLines(rows, 80).join('\n');
    // Each cell: the rate, * when incomplete, and its shade.
    expect(text).toMatch(/2025-03-03\s*│\s*4\s*│\s*100\.0% █\s*│\s*25\.0%\*▒/);
    expect(durationText(90061)).toBe('25h 01m');
  });
});

describe('parameter prompt', () => {
  it('shows the current value selected: typing replaces it, backspace clears it, then edits as usual', async () => {
    const { promptReducer } = await import('../../src/tui/screens/prompt/state.js');
    const start = { value: 'UTC', error: null, pristine: true };
    expect(promptReducer(start, { type: 'type', text: 'Asia/Kolkata' }).value).toBe('Asia/Kolkata');
    const cleared = promptReducer(start, { type: 'backspace' });
    expect(cleared.value).toBe('');
    const typed = promptReducer(promptReducer(cleared, { type: 'type', text: 'Europe/Pari' }), { type: 'type', text: 's' });
    expect(typed.value).toBe('Europe/Paris');
    expect(promptReducer(typed, { type: 'backspace' }).value).toBe('Europe/Pari');
  });
});
