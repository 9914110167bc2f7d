import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ANALYTICS_DIR } from '../paths.js';
import { parseHeader } from './header.js';
import { SHARED_PARAMS, type MetricDef, type Shape } from './types.js';

/**
 * The metric catalogue. Everything an analyst reads about a metric (title,
 * summary, parameters, columns) comes from its SQL file's header; only how the
 * UI shows it (shape) and whether it is listed are decided here. The
 * parameters every metric shares are resolved by evtui_params, in SQL.
 */
const VIEWS: readonly { name: string; shape: Shape; listed: boolean }[] = [
  { name: 'dau', shape: 'day_series', listed: true },
  { name: 'signups', shape: 'day_series', listed: true },
  { name: 'retention', shape: 'single', listed: true },
  { name: 'day1_retention', shape: 'day_series', listed: true },
  { name: 'cohort_retention', shape: 'matrix', listed: true },
  { name: 'funnel_activity', shape: 'funnel', listed: true },
  { name: 'funnel_day1', shape: 'funnel', listed: true },
  { name: 'churn', shape: 'segments', listed: true },
  { name: 'churn_users', shape: 'list', listed: true },
  { name: 'events_by_name', shape: 'list', listed: true },
  { name: 'active_users', shape: 'day_series', listed: true },
  { name: 'stickiness', shape: 'list', listed: true },
  { name: 'lifecycle', shape: 'lifecycle', listed: true },
  { name: 'funnel', shape: 'funnel', listed: true },
  { name: 'user_timeline', shape: 'timeline', listed: false },
];

const texts = new Map<string, string>();

function load(v: (typeof VIEWS)[number]): MetricDef {
  const file = path.join(ANALYTICS_DIR, `${v.name}.sql`);
  const text = fs.readFileSync(file, 'utf8');
  texts.set(v.name, text);
  const h = parseHeader(text, file);
  if (h.fields.metric !== v.name) throw new Error(`${file}: header names metric "${h.fields.metric}"`);
  return {
    name: v.name,
    file: path.relative(ROOT, file).split(path.sep).join('/'),
    title: h.fields.title!,
    summary: h.fields.summary!,
    // every metric takes the shared parameters (evtui_params); the header lists the others
    params: [...SHARED_PARAMS, ...h.params.map((p) => p.name)],
    defaults: Object.fromEntries(h.params.flatMap((p) => {
      const d = /\(default: ([^)]+)\)/.exec(p.doc);
      return d ? [[p.name, d[1]!]] : [];
    })),
    columns: h.columns.map((c) => ({ name: c.name, kind: c.kind })),
    shape: v.shape,
    listed: v.listed,
    groups: text.includes(":'by'"),
  };
}

export const METRICS: readonly MetricDef[] = VIEWS.map(load);

export function getMetric(name: string): MetricDef | undefined {
  return METRICS.find((m) => m.name === name);
}

/** The SQL file exactly as psql runs it. */
export function sqlTextOf(name: string): string | undefined {
  return texts.get(name);
}

export function metricNames(): string[] {
  return METRICS.map((m) => m.name);
}
