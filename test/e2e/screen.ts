import path from 'node:path';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import { ROOT } from '../../src/paths.js';

/**
 * The built `evtui` in a real pseudo-terminal, its output fed to a terminal
 * emulator (xterm.js, headless): tests read the screen a person would see,
 * cell by cell with its styles, instead of the byte stream. A frame taller or
 * wider than the terminal shows here as it does on a screen: scrolled or
 * wrapped out of place.
 */
export const BIN = path.join(ROOT, 'dist', 'src', 'bin.js');

export interface Cell {
  char: string;
  inverse: boolean;
  /** The foreground is a palette or RGB color, not the terminal's default. */
  colored: boolean;
}

export function launchScreen(opts: { args: string[]; cols: number; rows: number; cwd: string; env?: Record<string, string | undefined> }) {
  const env = { ...process.env, TERM: 'xterm-256color', ...opts.env } as Record<string, string>;
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  delete env.DATABASE_URL;
  const term = new xterm.Terminal({ cols: opts.cols, rows: opts.rows, allowProposedApi: true, scrollback: 0 });
  const p = pty.spawn(process.execPath, [BIN, ...opts.args], { name: 'xterm-256color', cols: opts.cols, rows: opts.rows, cwd: opts.cwd, env });
  let raw = '';
  let exit: { exitCode: number } | null = null;
  p.onData((d) => {
    raw += d;
    term.write(d);
  });
  p.onExit((e) => (exit = e));

  /** The screen's lines as text (trailing blanks trimmed). */
  const lines = (): string[] => {
    const b = term.buffer.active;
    return Array.from({ length: term.rows }, (_, y) => b.getLine(y)?.translateToString(true) ?? '');
  };
  const cells = (y: number): Cell[] => {
    const line = term.buffer.active.getLine(y);
    if (!line) return [];
    const out: Cell[] = [];
    for (let x = 0; x < term.cols; x++) {
      const c = line.getCell(x);
      if (!c) break;
      out.push({ char: c.getChars() || ' ', inverse: c.isInverse() !== 0, colored: !c.isFgDefault() });
    }
    return out;
  };
  /**
   * Waits until the screen satisfies `ok` and has settled (the same on two reads
   * 25 ms apart, every write parsed first, so a frame still arriving in pieces
   * is not taken), failing with the screen to read.
   */
  const waitFor = async (ok: string | RegExp | ((screen: string) => boolean), timeoutMs = 45_000): Promise<string> => {
    const test = (s: string) => (typeof ok === 'string' ? s.includes(ok) : ok instanceof RegExp ? ok.test(s) : ok(s));
    const until = Date.now() + timeoutMs;
    let previous: string | undefined;
    for (;;) {
      await new Promise<void>((r) => term.write('', r));
      const screen = lines().join('\n');
      if (test(screen) && screen === previous) return screen;
      previous = screen;
      if (exit) throw new Error(`evtui exited (${exit.exitCode}) while waiting for ${String(ok)}; the screen was:\n${screen}`);
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(ok)}; the screen was:\n${screen}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const send = (keys: string) => p.write(keys);
  const resize = (cols: number, rows: number) => {
    term.resize(cols, rows);
    p.resize(cols, rows);
  };
  const exited = async (timeoutMs = 30_000) => {
    const until = Date.now() + timeoutMs;
    while (!exit) {
      if (Date.now() > until) throw new Error('evtui did not exit');
      await new Promise((r) => setTimeout(r, 25));
    }
    return exit as { exitCode: number };
  };
  const kill = () => {
    try {
      p.kill();
    } catch {
      // already gone
    }
    term.dispose();
  };
  return { p, term, raw: () => raw, lines, cells, waitFor, send, resize, exited, kill };
}

export type Screen = ReturnType<typeof launchScreen>;

/** The row whose text contains `text`, or -1. */
export function rowOf(s: Screen, text: string): number {
  return s.lines().findIndex((l) => l.includes(text));
}

/**
 * The frame fits the terminal: the header on the first row, the footer on
 * the last, and nothing wrapped (a frame wider or taller than the terminal
 * pushes the header off the top or breaks a line in two).
 */
export function framed(screen: string, rows: number): boolean {
  const ls = screen.split('\n');
  return ls.length === rows && ls[0]!.startsWith('evtui ') && / help$/.test(ls[rows - 1]!.trimEnd());
}
