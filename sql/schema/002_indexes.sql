-- 002_indexes: the indexes that serve the metrics (docs/performance.md). Each
-- one covers the columns its queries read, so they are answered from the index
-- alone once the table is vacuumed (evtui load vacuums after inserting).

-- each user's events in time order: first and latest event per user (churn,
-- churn_users, user_timeline), and a user's activity after their signup
create index if not exists events_user_time_cov_idx
  on events (user_id, event_time) include (event_name, ingested_at);

-- the events of a date window (dau, events_by_name, the activity of cohorts)
create index if not exists events_time_cov_idx
  on events (event_time) include (user_id, event_name, ingested_at);

-- one event name's users in user order: each user's first signup event
create index if not exists events_name_user_cov_idx
  on events (event_name, user_id, event_time) include (ingested_at);

-- indexes earlier versions made and no query uses any more
drop index if exists events_user_time_idx;
drop index if exists events_time_idx;
drop index if exists events_name_time_cov_idx;

-- The secondary indexes a bulk load into an empty embedded database set aside,
-- to build them once at its end (sorting the rows once is faster than
-- inserting each into three B-trees). A row here means "not built yet": evtui
-- builds every index listed, then deletes its row, whenever it opens the
-- database, so a load killed half-way leaves no index missing for long.
create table if not exists evtui_deferred_indexes (
  name       text primary key,
  definition text not null
);
