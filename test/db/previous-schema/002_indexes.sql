-- 002_indexes: what the metric queries read (see BENCHMARKS.md for the plans).
-- Per-user scans (churn, retention, funnels) walk (user_id, event_time);
-- windowed day series (dau, events_by_name) range over event_time.
create index if not exists events_user_time_idx on events (user_id, event_time);
create index if not exists events_time_idx on events (event_time);
