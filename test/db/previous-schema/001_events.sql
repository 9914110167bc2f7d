-- 001_events: the append-only events table, the single source of truth.
-- Idempotent: safe to run again on a database that already has it.

create table if not exists events (
  event_id    uuid primary key,
  event_name  text        not null,
  event_time  timestamptz not null,
  user_id     text        not null,
  properties  jsonb       not null default '{}'::jsonb,
  ingested_at timestamptz not null default now()
);

-- Append-only, enforced by the database itself, whoever connects.
create or replace function events_append_only() returns trigger
language plpgsql as $$
begin
  raise exception 'events is append-only: % is not allowed', tg_op
    using errcode = 'raise_exception',
          hint = 'events are never changed or removed; load corrections as new events';
end
$$;

drop trigger if exists events_no_update_delete on events;
create trigger events_no_update_delete
  before update or delete on events
  for each row execute function events_append_only();

drop trigger if exists events_no_truncate on events;
create trigger events_no_truncate
  before truncate on events
  for each statement execute function events_append_only();
