-- 005_metric_functions: helpers the metric files call. None defines a metric:
-- one says where periods begin, the others where to cut work in two.

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

-- The share of events' pages, in percent, that makes a sample of about 128
-- pages (all of them for a table that small).
create or replace function evtui_sample_percent()
returns float8
language sql stable parallel safe
as $$
  select least(100, 100 * 128.0 / greatest(1, pg_relation_size('events'::regclass) / current_setting('block_size')::int))
$$;

-- Where to cut a metric's work in two: a key near the middle of the events
-- with event_time in [from_at, to_at) (and, when only_name is given, that
-- event_name), estimated from a sample of about 128 of the table's pages
-- (TABLESAMPLE SYSTEM, REPEATABLE: the same table gives the same sample, and
-- no statistics are needed); '' (the lowest key) when the sample holds none.
--
-- Metrics that read every user's events split the users at it into two
-- halves, user_id < split and user_id >= split, each a branch of a Parallel
-- Append that its own process reads through a range of a user-ordered index.
-- The value only decides how the work is shared, never a result: every user
-- falls in exactly one half. A metric computes it once (a CTE) and hands it
-- to both halves. A sample of the window's events rather than the planner's
-- histogram of user_id: the histogram covers all time, and a window's events
-- are not spread over the users like all events (cohort_retention over the
-- first 30 of 60 days split 4.5:1 at the histogram's median).
create or replace function evtui_user_split(from_at timestamptz, to_at timestamptz, only_name text default null)
returns text
language sql stable parallel safe
as $$
  select coalesce(percentile_disc(0.5) within group (order by e.user_id), '')
  from events e tablesample system (evtui_sample_percent()) repeatable (0)
  where e.event_time >= from_at and e.event_time < to_at
    and (only_name is null or e.event_name = only_name)
$$;

-- The same for events_by_name's (event_name, user_id) order: the middle pair
-- of the window's sampled events, as {event_name, user_id} (since replaced by
-- a weighted middle, 007_weighted_name_user_split.sql). The pairs are
-- sorted as one string, name, \x01, user: event names hold no control
-- characters, so that string sorts exactly as the pair does.
create or replace function evtui_name_user_split(from_at timestamptz, to_at timestamptz)
returns text[]
language sql stable parallel safe
as $$
  select case when s.m is null then array['', '']
              else array[split_part(s.m, chr(1), 1), substr(s.m, strpos(s.m, chr(1)) + 1)] end
  from (
    select percentile_disc(0.5) within group (order by e.event_name || chr(1) || e.user_id) as m
    from events e tablesample system (evtui_sample_percent()) repeatable (0)
    where e.event_time >= from_at and e.event_time < to_at
  ) s
$$;
