/** The metric catalogue's shapes, shared by the CLI and the UI. */
export type ParamName =
  | 'from'
  | 'to'
  | 'as_of'
  | 'tz'
  | 'known_at'
  | 'signup_event'
  | 'granularity'
  | 'window_days'
  | 'status'
  | 'limit'
  | 'offset'
  | 'user_id'
  | 'steps'
  | 'exclude'
  | 'mode'
  | 'segment'
  | 'where'
  | 'by';

/** The parameters every metric takes, resolved by evtui_params (sql/schema/003_metric_layer.sql). */
export const SHARED_PARAMS = ['from', 'to', 'as_of', 'tz', 'known_at', 'signup_event', 'segment', 'where', 'by'] as const satisfies readonly ParamName[];

export type Granularity = 'day' | 'week' | 'month';
export type ChurnStatus = 'active' | 'soft_churn' | 'churned' | 'hard_churn';
export const CHURN_STATUSES: readonly ChurnStatus[] = ['active', 'soft_churn', 'churned', 'hard_churn'];
/** cohort_retention: active in the k-th period (on) or in it or any later one (on_or_after). */
export type RetentionMode = 'on' | 'on_or_after';
export const RETENTION_MODES: readonly RetentionMode[] = ['on', 'on_or_after'];

/** What a caller may pass; anything missing takes its default (SPEC §5). */
export interface MetricInput {
  from?: string; // YYYY-MM-DD
  to?: string;
  as_of?: string;
  tz?: string;
  known_at?: string; // ISO-8601 timestamp
  signup_event?: string;
  granularity?: Granularity;
  window_days?: number;
  status?: ChurnStatus;
  limit?: number;
  offset?: number;
  user_id?: string;
  /** funnel steps: event names, or one comma-separated text as typed */
  steps?: readonly string[] | string;
  /** funnel exclusions: event names */
  exclude?: readonly string[];
  mode?: RetentionMode;
  /** --segment: user properties KEY: VALUE that must all hold, or that object as JSON text */
  segment?: Readonly<Record<string, unknown>> | string;
  /** --where: event properties KEY: VALUE that must all hold, or that object as JSON text */
  where?: Readonly<Record<string, unknown>> | string;
  /** --by: the user property KEY whose text groups the rows (a leading `segment` column) */
  by?: string;
}

/** Every parameter with its value as bound, defaults filled in. */
export interface ResolvedParams {
  from: string;
  to: string;
  as_of: string;
  tz: string;
  /** ISO-8601 UTC; when not given, the moment the run started (so an export can be reproduced). */
  known_at: string;
  known_at_given: boolean;
  signup_event: string;
  granularity: Granularity;
  window_days: number;
  status: ChurnStatus;
  limit: number;
  offset: number;
  user_id: string;
  steps: string[];
  exclude: string[];
  mode: RetentionMode;
  /** {} when not given */
  segment: Record<string, unknown>;
  where: Record<string, unknown>;
  /** '' when not given */
  by: string;
}

export type ColumnKind = 'date' | 'timestamp' | 'int' | 'rate' | 'seconds' | 'text' | 'bool' | 'json';

/** How a result reads best: the UI picks a view from it. */
export type Shape = 'day_series' | 'single' | 'matrix' | 'funnel' | 'segments' | 'lifecycle' | 'list' | 'timeline';

export interface MetricDef {
  name: string;
  /** Path relative to the package root, e.g. sql/analytics/dau.sql */
  file: string;
  title: string;
  /** One-line definition, from the SQL file's header. */
  summary: string;
  params: readonly ParamName[];
  /** The header's "(default: X)" of the metric's own parameters, as text. */
  defaults: Partial<Record<ParamName, string>>;
  columns: readonly { name: string; kind: ColumnKind }[];
  shape: Shape;
  /** Listed in `evtui metrics` and the UI's metric list (user_timeline is drill-down only). */
  listed: boolean;
  /** Takes --by: its rows lead with the group column `segment` (null for every row without --by, left out of results). */
  groups: boolean;
}

export interface MetricResult {
  metric: string;
  sqlFile: string;
  params: ResolvedParams;
  columns: string[];
  rows: Record<string, unknown>[];
  ranAt: Date;
  /** The newest event_time the run could see (after as_of / known_at cuts), or null. */
  newestEvent: Date | null;
  seconds: number;
}

export interface DataSummary {
  events: number;
  users: number;
  firstEvent: Date | null;
  lastEvent: Date | null;
}

export interface SqlResult {
  /** The statement as run. */
  statement: string;
  ranAt: Date;
  columns: string[];
  rows: Record<string, unknown>[];
  rowCount: number;
  /** True when more rows existed than were kept (maxRows). */
  truncated: boolean;
  seconds: number;
  /** Said once per database: the console there is protected by its transaction alone. */
  warning?: string;
}
