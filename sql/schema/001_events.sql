-- 001_events: the append-only events table, the single source of truth, as it
-- is now. Every statement is idempotent: evtui runs this file again whenever
-- its text changes, and a database made by any earlier version converges on it.

create table if not exists events (
  event_id    uuid        not null primary key,
  event_name  text        collate "C" not null,
  event_time  timestamptz not null,
  user_id     text        collate "C" not null,
  properties  jsonb       not null default '{}'::jsonb,
  ingested_at timestamptz not null default now()
);

comment on table events is 'One row per atomic user action; append-only (SPEC §3).';

-- user_id and event_name compare byte-wise (collation "C"): one order of users
-- on every database and operating system, and cheaper comparisons in every
-- grouping by user. Databases made before this file held them in the default
-- collation.
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

-- Append-only, enforced by the database itself, whoever connects.
create or replace function events_append_only() returns trigger
language plpgsql as $$
begin
  raise exception 'events is append-only: % is not allowed', tg_op
    using errcode = 'raise_exception',
          hint = 'events are never changed or removed; load corrections as new events';
end
$$;

do $$
begin
  if not exists (select 1 from pg_trigger where tgrelid = 'events'::regclass and tgname = 'events_no_update_delete') then
    create trigger events_no_update_delete
      before update or delete on events
      for each row execute function events_append_only();
  end if;
  if not exists (select 1 from pg_trigger where tgrelid = 'events'::regclass and tgname = 'events_no_truncate') then
    create trigger events_no_truncate
      before truncate on events
      for each statement execute function events_append_only();
  end if;
end
$$;
