-- 005_reader_role: what the SQL console (the UI's `:` and `evtui sql`) runs as.
-- Idempotent and self-contained: safe to run again, in any database of a cluster.
--
-- evtui_reader can log in nowhere and read only `events` (plus what PUBLIC may
-- use: the evtui_* functions, the catalogs). The console runs each statement
-- through evtui_console_rows below, inside a read-only transaction that always
-- rolls back, after SET LOCAL ROLE evtui_reader.
--
-- The function is SECURITY DEFINER, owned by evtui_reader, so the statement
-- runs as evtui_reader whoever calls it, and inside a security-definer call
-- PostgreSQL refuses to change `role` or `session_authorization`: a
-- `do $$ ... set_config('role', 'postgres', true) ... $$` typed by a
-- superuser cannot climb back to the login role. It opens the statement as a
-- cursor, so only statements that return rows run (no SET, DO, COPY,
-- ANALYZE, CHECKPOINT, NOTIFY, ...), one at a time (PostgreSQL refuses a
-- cursor over several), and each row comes back as a json object of its
-- columns, max_rows + 1 at most (the caller says "first N").
--
-- Where the connecting user may not create roles (some managed databases),
-- the role and ownership steps are skipped with a notice: the function then
-- runs as its caller, and evtui says the console is protected only by the
-- read-only transaction.

do $$
begin
  if not exists (select from pg_roles where rolname = 'evtui_reader') then
    begin
      create role evtui_reader nologin;
    exception
      -- another database of the cluster created it at the same moment
      when duplicate_object or unique_violation then null;
      when insufficient_privilege then
        raise notice 'evtui_reader not created (%): the SQL console is protected only by a read-only transaction', sqlerrm;
    end;
  end if;
end
$$;

create or replace function evtui_console_rows(statement text, max_rows int)
returns setof json
language plpgsql
as $$
declare
  r record;
  n int := 0;
begin
  for r in execute statement loop
    exit when n > max_rows;
    return next to_json(r);
    n := n + 1;
  end loop;
end
$$;

revoke all on function evtui_console_rows(text, int) from public;

do $$
begin
  if exists (select from pg_roles where rolname = 'evtui_reader') then
    -- SELECT on the table by name: it survives ALTER TABLE and index changes
    grant select on table events to evtui_reader;
    -- a member may SET ROLE to it and hand it the function
    if not pg_has_role(current_user, 'evtui_reader', 'member') then
      grant evtui_reader to current_user;
    end if;
    alter function evtui_console_rows(text, int) owner to evtui_reader;
    alter function evtui_console_rows(text, int) security definer;
  end if;
exception
  when insufficient_privilege or invalid_grant_operation then
    raise notice 'evtui_reader not set up (%): the SQL console is protected only by a read-only transaction', sqlerrm;
end
$$;

-- A non-transactional logical decoding message reaches the WAL even when its
-- transaction rolls back, and any role may send one by default. No evtui user
-- needs it; in this database only its owner (a superuser) may.
do $$
declare
  f regprocedure;
begin
  for f in select p.oid::regprocedure from pg_proc p where p.proname = 'pg_logical_emit_message' loop
    execute format('revoke execute on function %s from public', f);
  end loop;
exception
  when insufficient_privilege then
    raise notice 'pg_logical_emit_message left callable by every role (%)', sqlerrm;
end
$$;
