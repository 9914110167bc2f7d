/**
 * The SQL of one batch (see writer.ts). The same text runs on the server and
 * on PGlite.
 */
// The staging table has no statistics: without this the planner may hash-join
// the whole events table for every batch. work_mem keeps CLASSIFY_SQL's
// materialised batch in memory rather than in a temporary file.
export const JOIN_SETTINGS = "set local enable_hashjoin = off; set local enable_mergejoin = off; set local work_mem = '64MB'";

// Created once per connection; emptied by every commit. The settings ride along
// to save a round trip per batch.
export const STAGE_DDL = `
set local client_min_messages = warning;
${JOIN_SETTINGS};
create temp table if not exists evtui_stage (
  line_no int8 not null, event_id uuid not null, event_name text not null,
  event_time timestamptz not null, user_id text not null, properties jsonb not null
) on commit delete rows`;

export const COPY_SQL = 'copy evtui_stage (line_no, event_id, event_name, event_time, user_id, properties) from stdin';

// No conflict target: the one unique key is the event_id on a server and
// (user_id, event_id) on Citus, where the lookups below still find an id
// stored under another user (a conflict, never a second row).
// Rows go in line order: the first appearance of an id wins (ON CONFLICT DO
// NOTHING skips a repeat within the statement too), and event data usually
// comes in time order, so the event_time indexes grow at their right edge.
// Ordering by event_id (DISTINCT ON) made the same INSERT 25 % slower on 1M
// generated events (15.1-17.7 s -> 11.5-13.9 s). Two loads of one file take
// row locks in the same order; loads of different files that overlap in a
// different order may deadlock, and the batch is retried.
export const INSERT_SQL = `
with ins as (
  insert into events (event_id, event_name, event_time, user_id, properties)
  select event_id, event_name, event_time, user_id, properties
  from evtui_stage
  order by line_no
  on conflict do nothing
  returning 1
)
select count(*)::int8 as n from ins`;

// A later statement sees rows committed meanwhile by a concurrent load, so an
// event it stored counts here as a duplicate or conflict, never twice.
export const DIFF_SQL = `
select s.line_no,
       e.event_name <> s.event_name as name_differs,
       e.user_id <> s.user_id as user_differs,
       e.event_time <> s.event_time as time_differs,
       e.properties <> s.properties as properties_differ
from evtui_stage s
join events e on e.event_id = s.event_id
where (e.event_name, e.user_id, e.event_time, e.properties) is distinct from (s.event_name, s.user_id, s.event_time, s.properties)
order by s.line_no`;



/**
 * For a batch that is mostly already stored (a reload), and every batch on
 * Citus: look each line up once, insert only the ones not found, and classify
 * the found ones in the same statement. INSERT_SQL + DIFF_SQL would look every
 * line up twice; measured on a 1M-event reload into the server, 15.0 s of
 * statements became 8.2 s. The lookup is an inner join, which Citus runs on
 * the shards (an outer join would bring every shard's events to the batch).
 * Of lines repeating an event_id within the batch only the first is inserted
 * (on Citus the key is (user_id, event_id), which would let a repeat under
 * another user in). The first row (line_no 0) carries the counts. The lookup
 * uses the statement's snapshot, so a line neither inserted nor found (an id
 * repeated within the batch, or stored by a concurrent load meanwhile) makes
 * the caller ask DIFF_SQL, a later statement that sees both.
 */
export const CLASSIFY_SQL = `
with found as materialized (
  select s.line_no,
         e.event_name <> s.event_name as name_differs, e.user_id <> s.user_id as user_differs,
         e.event_time <> s.event_time as time_differs, e.properties <> s.properties as properties_differ
  from evtui_stage s
  join events e on e.event_id = s.event_id
), ins as (
  insert into events (event_id, event_name, event_time, user_id, properties)
  select n.event_id, n.event_name, n.event_time, n.user_id, n.properties
  from (
    select distinct on (s.event_id) s.*
    from evtui_stage s
    where s.line_no not in (select line_no from found)
    order by s.event_id, s.line_no
  ) n
  order by n.line_no
  on conflict do nothing
  returning 1
)
select 0::int8 as line_no, (select count(*) from ins)::int8 as inserted, (select count(*) from found)::int8 as found,
       null::bool as name_differs, null::bool as user_differs, null::bool as time_differs, null::bool as properties_differ
union all
select line_no, null, null, name_differs, user_differs, time_differs, properties_differ
from found
where name_differs or user_differs or time_differs or properties_differ`;
