-- The whole schema, for psql users: psql -f sql/schema/events.sql
-- (evtui applies the same numbered files itself on connect).
\ir 001_events.sql
\ir 002_indexes.sql
\ir 003_metric_layer.sql
\ir 004_citus.sql
\ir 005_reader_role.sql
\ir 006_analyses.sql
\ir 007_segments.sql
