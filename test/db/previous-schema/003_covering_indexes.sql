-- 003_covering_indexes: every metric reads an index alone (index-only scans),
-- never the 130-byte heap rows scattered in load order. Measured on 1.44M
-- events in BENCHMARKS.md; in short:
--   (user_id, event_time) + event_name, ingested_at: per-user probes
--     (retention, day1_retention, funnels, churn_users' page) and per-user passes (churn);
--   (event_name, event_time) + user_id, ingested_at: signup times (98k of
--     1.44M entries) for every cohort metric, and events_by_name per name;
--   (event_time) + user_id, event_name, ingested_at: per-day and per-period
--     ranges (dau, cohort_retention) and the latest event (default windows).
-- They replace 002's two plain b-trees: the same keys, with what the queries
-- filter on (ingested_at for known_at, event_name) carried in the leaf.
drop index if exists events_user_time_idx;
drop index if exists events_time_idx;
create index if not exists events_user_time_cov_idx on events (user_id, event_time) include (event_name, ingested_at);
create index if not exists events_name_time_cov_idx on events (event_name, event_time) include (user_id, ingested_at);
create index if not exists events_time_cov_idx on events (event_time) include (user_id, event_name, ingested_at);
