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

/** Labels placed under their columns: first at the left, last ending at the right, one between where there is room. */
function dateAxis(labels: readonly string[], cols: number): string {
  const [first = '', mid = '', last = ''] = labels;
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
  // The axis is at most this wide ("12.3k", "100%"), so the number of columns is known before the labels.
  const axis = 7;
  const room = Math.max(1, opts.width - axis - 1);
  // Few days in a wide pane: each day two or three columns wide, so the chart is not a sliver at the left.
  const per = n <= room ? Math.max(1, Math.min(3, Math.floor(room / n))) : 1;
  const cols = Math.min(n, room) * per;
  // Scaled to what is drawn: with days averaged into columns, the columns' own range.
  const drawn = buckets(values, Math.min(n, room)).flatMap((b) => Array.from({ length: per }, () => b));
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
