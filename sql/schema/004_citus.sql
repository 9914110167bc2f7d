-- 004_citus: on a Citus cluster (the citus extension installed and worker
-- nodes registered), events is distributed by user_id, so each user's events
-- live on one shard and every per-user step of a metric runs on the workers.
-- Elsewhere this file does nothing. It runs on every open (evtui applies it
-- each time it connects), so a database that gains Citus later is distributed then.
--
-- Citus enforces a unique key only when it holds the distribution column, so
-- the primary key becomes (user_id, event_id); evtui load still judges an
-- event_id stored under another user_id a conflict (it looks ids up by the
-- event_id index below). The append-only triggers fire on the shards, which
-- Citus allows with citus.enable_unsafe_triggers.
do $$
begin
  if not exists (select 1 from pg_extension where extname = 'citus') then
    return;
  end if;
  if not exists (select 1 from pg_dist_node where groupid <> 0 and noderole = 'primary') then
    return;
  end if;
  perform set_config('citus.enable_unsafe_triggers', 'on', true);
  if not exists (select 1 from pg_dist_partition where logicalrelid = 'events'::regclass) then
    alter table events drop constraint events_pkey;
    alter table events add constraint events_pkey primary key (user_id, event_id);
    perform create_distributed_table('events', 'user_id');
  end if;
  create index if not exists events_event_id_idx on events (event_id);
  -- the shared functions run inside the shard queries on the workers too:
  -- Citus sends each CREATE FUNCTION to them, except for functions created
  -- before the extension was
  perform create_distributed_function(p.oid::regprocedure)
  from pg_proc p
  where p.pronamespace = current_schema()::regnamespace
    and (p.proname like 'evtui\_%' or p.proname = 'events_append_only')
    and not exists (select 1 from pg_dist_object o where o.classid = 'pg_proc'::regclass and o.objid = p.oid);
end
$$;
