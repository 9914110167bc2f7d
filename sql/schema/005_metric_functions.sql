-- 005_metric_functions: two helpers the metric files call. Neither defines a
-- metric; they say where periods begin and where to cut the work in two.

-- The first instant, in tz, of each period (day, week from Monday, month) from
-- the one holding first_day through the one after the period holding last_day,
-- in order: element j + 1 starts period j and the last element ends the period
-- holding last_day, so an event at t lies in period width_bucket(t, starts) - 1.
-- A day begins at its local midnight; where a DST change repeats the hour
-- after midnight (Atlantic/Azores) at the first of the two midnights; where
-- midnight does not exist (a DST gap at 00:00) at the first instant after the
-- gap. Events are never converted to tz: each is found among these instants.
--
-- IMMUTABLE, like timezone() itself: a call with constant arguments is
-- evaluated once when the statement is planned and becomes a constant array,
-- not a subquery, so the per-user passes that use it can run in parallel
-- workers (a subquery would keep them in one process).
create or replace function evtui_period_starts(granularity text, first_day date, last_day date, tz text)
returns timestamptz[]
language sql immutable parallel safe
as $$
  select array_agg(
           case when ((m.at - interval '1 microsecond') at time zone tz)::date >= m.day
             then m.at - interval '1 microsecond'
                  - (((m.at - interval '1 microsecond') at time zone tz) - m.day::timestamp)
             else m.at end
           order by m.day)
  from generate_series(date_trunc(granularity, first_day::timestamp),
                       date_trunc(granularity, last_day::timestamp) + ('1 ' || granularity)::interval,
                       ('1 ' || granularity)::interval) as g
  cross join lateral (select g::date as day, g::timestamp at time zone tz as at) as m
$$;

-- A user_id near the middle of the events in user order: the median of the
-- planner's histogram of events.user_id (pg_stats, kept by ANALYZE; evtui
-- analyzes after every load). '' when there are no statistics yet.
--
-- Metrics that read every user's events split the users at it into two
-- halves, user_id < split and user_id >= split, each a branch of a Parallel
-- Append read by its own process through a range of a user-ordered index.
-- The value only decides how the work is shared, never a result: every user
-- falls in exactly one half. STABLE: every call in one statement reads the
-- statistics in that statement's snapshot, so both halves see one value.
create or replace function evtui_user_split()
returns text
language sql stable parallel safe
as $$
  select coalesce((
    select (s.histogram_bounds::text::text[])[(cardinality(s.histogram_bounds::text::text[]) + 1) / 2]
    from pg_stats s
    join pg_class c on c.relname = s.tablename
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = s.schemaname
    where c.oid = 'events'::regclass and s.attname = 'user_id'
  ), '')
$$;

-- The event_name that holds the middle of the events in name order, from the
-- planner's statistics of events.event_name (its most common values and their
-- frequencies, else the median of its histogram); '' without statistics.
-- events_by_name cuts the (event_name, user_id, ...) index in two at
-- (evtui_name_split(), evtui_user_split()); like the user split, it shares the
-- work and never changes a count.
create or replace function evtui_name_split()
returns text
language sql stable parallel safe
as $$
  with stats as (
    select s.most_common_vals::text::text[] as names, s.most_common_freqs as freqs,
           s.histogram_bounds::text::text[] as bounds
    from pg_stats s
    join pg_class c on c.relname = s.tablename
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = s.schemaname
    where c.oid = 'events'::regclass and s.attname = 'event_name'
  ),
  common as (
    select m.name, sum(m.freq) over (order by m.name) as upto, sum(m.freq) over () as total
    from stats s
    cross join lateral unnest(s.names, s.freqs) as m(name, freq)
  )
  select coalesce(
    (select name from common where upto >= total / 2 order by name limit 1),
    (select bounds[(cardinality(bounds) + 1) / 2] from stats),
    '')
$$;
