-- The whole schema for psql:  psql "$DATABASE_URL" -f sql/schema/events.sql
-- evtui applies the same numbered files itself on connect and records them in
-- evtui_schema_migrations; running this file by hand is harmless either way.
\ir 001_events.sql
\ir 002_indexes.sql
\ir 003_covering_indexes.sql
\ir 004_byte_order_keys.sql
\ir 005_metric_functions.sql
\ir 006_deferred_indexes.sql
\ir 007_weighted_name_user_split.sql
\ir 010_reader_role.sql
