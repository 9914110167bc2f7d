-- 004_byte_order_keys: user_id and event_name compare byte by byte, and the
-- event-name index is in (event_name, user_id, event_time) order.
--
-- Collation "C" for both keys, whatever the database's default collation. The
-- metric queries group, sort, merge and range-scan on them millions of times;
-- under a linguistic collation (en_US.UTF-8, and C.UTF-8 on PostgreSQL 15,
-- which does not treat it as C) every such comparison calls strcoll, under "C"
-- it is a memcmp. Measured on 10M events: events_by_name's scan of the
-- (event_name, user_id) index cut in two ran 5.0 s against 3.3 s uncut, the
-- difference being the comparisons per entry against the cut
-- (docs/benchmark-plans.md). Every database also orders users the same way
-- (churn_users pages by user_id; PGlite's databases are "C" already). The
-- column types do not change: the table is not rewritten, its indexes on these
-- columns are rebuilt once.
--
-- The event-name index grouped by user instead of by time: each name's
-- entries come grouped by user, each user's in time order, so
--   the signup times every cohort metric starts from are each user's first
--     signup entry as the index returns them (no sort of the signups);
--   events_by_name counts each name's users as they come (no hash of users).
-- Windows a fraction of the data long are still read from the (event_time)
-- index.
drop index if exists events_name_time_cov_idx;

do $$
begin
  if exists (select 1 from pg_attribute a
             where a.attrelid = 'events'::regclass and a.attname in ('user_id', 'event_name')
               and a.attcollation <> 'pg_catalog."C"'::regcollation) then
    alter table events
      alter column user_id type text collate "C",
      alter column event_name type text collate "C";
  end if;
end
$$;

create index if not exists events_name_user_cov_idx on events (event_name, user_id, event_time) include (ingested_at);
