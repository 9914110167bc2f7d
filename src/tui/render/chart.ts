/**
 * A column chart drawn with block characters, one to three columns per day
 * (days are averaged into buckets when they outnumber the columns), scaled to the
 * series' own range: the lowest value is a sliver, the highest a full
 * column, and the axis names both (a count that moves between 300 and 470
 * shows its movement instead of six rows of solid blocks). A flat series
 * sits at mid height. Nulls (a day with an empty cohort) leave a gap rather
 * than a low value, so they are not misread. Under the columns: the first,
 * middle and last dates where they fit.
 */
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export function axisLabel(v: number, rate: boolean): string {
  if (rate) return `${(v * 100).toFixed(v < 0.1 && v > 0 ? 1 : 0)}%`;
  if (Math.abs(v) >= 10_000) return `${(v / 1000).toFixed(0)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** The values averaged into `cols` buckets, in order; a bucket of nulls only is null. */
export function buckets(values: readonly (number | null)[], cols: number): (number | null)[] {
  const n = values.length;
  const out: (number | null)[] = [];
  for (let i = 0; i < cols; i++) {
    const from = Math.floor((i * n) / cols);
    const slice = values.slice(from, Math.max(Math.floor(((i + 1) * n) / cols), from + 1));
    const nums = slice.filter((v): v is number => typeof v === 'number');
    out.push(nums.length ? nums.reduce((a, b) => a + b, 0) / nums.length : null);
  }
  return out;
}

/** The width of a chart's value axis, its "│" included: at most "12.3k" or "100%" and a space. */
export const AXIS = 7;

/**
 * How a series of n values fills a chart `width` wide: in `slots` columns (the
 * values averaged into them when they outnumber the room), each `per`
 * characters wide; few values in a wide pane get two or three, so the chart is
 * not a sliver at the left.
 */
export function columnLayout(n: number, width: number): { slots: number; per: number } {
  const room = Math.max(1, width - AXIS - 1);
  return { slots: Math.min(n, room), per: n <= room ? Math.max(1, Math.min(3, Math.floor(room / n))) : 1 };
}

/** Labels placed under their columns: first at the left, last ending at the right, one between where there is room. */
export function dateAxis(labels: readonly string[], cols: number): string {
  const [first = '', mid = '', last = ''] = labels;
  // a chart narrower than its first date still shows that date whole (the pane clips the line)
  if (first.length > cols) return first;
  const row = Array.from({ length: cols }, () => ' ');
  const put = (text: string, at: number) => {
    for (let i = 0; i < text.length && at + i < cols; i++) row[at + i] = text[i]!;
  };
  put(first, 0);
  if (last && cols >= first.length + last.length + 2) put(last, cols - last.length);
  const midAt = Math.floor(cols / 2 - mid.length / 2);
  if (mid && midAt >= first.length + 2 && midAt + mid.length + 2 <= cols - last.length) put(mid, midAt);
  return row.join('');
}

export function columnChart(
  values: readonly (number | null)[],
  opts: { width: number; height?: number; firstLabel: string; lastLabel: string; midLabel?: string; rate?: boolean },
): string[] {
  const height = Math.max(2, opts.height ?? 6);
  const n = values.length;
  if (n === 0) return [];
  const rate = Boolean(opts.rate);
  // The axis has a fixed width, so the number of columns is known before the labels.
  const axis = AXIS;
  const { slots, per } = columnLayout(n, opts.width);
  const cols = slots * per;
  // Scaled to what is drawn: with days averaged into columns, the columns' own range.
  const drawn = buckets(values, slots).flatMap((b) => Array.from({ length: per }, () => b));
  const nums = drawn.filter((v): v is number => typeof v === 'number');
  const lo = nums.length ? Math.min(...nums) : 0;
  const hi = nums.length ? Math.max(...nums) : 0;
  const top = axisLabel(hi, rate);
  const bottom = axisLabel(lo, rate);
  const levels = height * 8;
  const eighths = drawn.map((b) => {
    if (b === null) return 0;
    if (hi === lo) return Math.round(levels / 2);
    return 1 + Math.round(((b - lo) / (hi - lo)) * (levels - 1));
  });
  const lines: string[] = [];
  for (let row = height - 1; row >= 0; row--) {
    const label = row === height - 1 ? top : row === 0 ? bottom : '';
    let bar = '';
    for (const e of eighths) {
      const rest = e - row * 8;
      bar += rest >= 8 ? BLOCKS[7] : rest > 0 ? BLOCKS[rest - 1] : ' ';
    }
    lines.push(label.padStart(axis - 1) + '│' + bar);
  }
  lines.push(' '.repeat(axis - 1) + '└' + '─'.repeat(cols));
  lines.push(' '.repeat(axis) + dateAxis([opts.firstLabel, opts.midLabel ?? '', opts.lastLabel], cols));
  return lines;
}
