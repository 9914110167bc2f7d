/**
 * A column chart drawn with block characters, one column per day (days are
 * averaged into buckets when they outnumber the columns). Nulls (a day with an
 * empty cohort) leave a gap rather than a zero, so they are not misread.
 */
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

function axisLabel(v: number, rate: boolean): string {
  if (rate) return `${(v * 100).toFixed(0)}%`;
  if (v >= 10_000) return `${(v / 1000).toFixed(0)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export function columnChart(
  values: readonly (number | null)[],
  opts: { width: number; height?: number; firstLabel: string; lastLabel: string; rate?: boolean },
): string[] {
  const height = opts.height ?? 6;
  const axis = 7;
  const n = values.length;
  const cols = Math.max(1, Math.min(n, opts.width - axis - 1));
  if (n === 0) return [];
  const buckets: (number | null)[] = [];
  for (let i = 0; i < cols; i++) {
    const slice = values.slice(Math.floor((i * n) / cols), Math.max(Math.floor(((i + 1) * n) / cols), Math.floor((i * n) / cols) + 1));
    const nums = slice.filter((v): v is number => typeof v === 'number');
    buckets.push(nums.length ? nums.reduce((a, b) => a + b, 0) / nums.length : null);
  }
  const max = Math.max(0, ...buckets.map((b) => b ?? 0));
  const eighths = buckets.map((b) => (b === null || max === 0 ? 0 : Math.round((b / max) * height * 8)));
  const lines: string[] = [];
  for (let row = height - 1; row >= 0; row--) {
    const label = row === height - 1 ? axisLabel(max, Boolean(opts.rate)) : row === 0 ? '0' : '';
    let bar = '';
    for (const e of eighths) {
      const rest = e - row * 8;
      bar += rest >= 8 ? BLOCKS[7] : rest > 0 ? BLOCKS[rest - 1] : row === 0 && e === 0 ? ' ' : ' ';
    }
    lines.push(label.padStart(axis - 1) + '│' + bar);
  }
  const gap = Math.max(1, cols - opts.firstLabel.length - opts.lastLabel.length);
  lines.push(' '.repeat(axis - 1) + '└' + '─'.repeat(cols));
  lines.push(' '.repeat(axis) + (cols >= opts.firstLabel.length + opts.lastLabel.length + 1 ? opts.firstLabel + ' '.repeat(gap) + opts.lastLabel : opts.firstLabel));
  return lines;
}
