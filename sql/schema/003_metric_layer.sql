-- 003_metric_layer: what every metric in sql/analytics/ shares, written once.
-- A metric file opens with
--   with params as not materialized (select * from evtui_params(...))
-- and reads its window, cuts and signup event from that one row.

-- The first instant of a calendar day in a time zone: its local midnight or,
-- where a DST change repeats the hour after midnight (the Azores on
-- 2025-10-26), the first of the two midnights; "day::timestamp at time zone
-- tz" alone would take the second. Day d holds exactly the instants in
-- [evtui_day_start(d, tz), evtui_day_start(d + 1, tz)), the same days as
-- "(event_time at time zone tz)::date".
create or replace function evtui_day_start(day date, tz text) returns timestamptz
language sql immutable parallel safe
as $$
  -- midnight's instant as UTC wall time (u), and the local wall time one
  -- microsecond before it: when that is already on day, midnight came earlier.
  -- The arithmetic stays in wall times, whose operators are immutable.
  select case
    when (((day::timestamp at time zone tz) at time zone 'UTC' - interval '1 microsecond') at time zone 'UTC') at time zone tz >= day::timestamp
    then ((day::timestamp at time zone tz) at time zone 'UTC' - interval '1 microsecond'
          - ((((day::timestamp at time zone tz) at time zone 'UTC' - interval '1 microsecond') at time zone 'UTC') at time zone tz - day::timestamp))
         at time zone 'UTC'
    else day::timestamp at time zone tz
  end
$$;

-- The number of granularity periods (day, week from Monday, month) from the
-- period that starts on period_start to the one holding day.
create or replace function evtui_periods_between(granularity text, period_start date, day date) returns int
language sql immutable parallel safe
as $$
  select case granularity
    when 'day' then day - period_start
    when 'week' then (date_trunc('week', day)::date - period_start) / 7
    else ((extract(year from day) - extract(year from period_start)) * 12
          + extract(month from day) - extract(month from period_start))::int
  end
$$;

-- Stops the query with a message for the analyst (SQLSTATE 22023,
-- invalid_parameter_value); returns the type of its second argument so it can
-- stand in a CASE beside the value it guards. The message names the value it
-- refuses: the planner may work out a stable call whose arguments are all
-- constants while it estimates a generic plan, in a branch never taken.
create or replace function evtui_reject(message text, sample anyelement) returns anyelement
language plpgsql stable
as $$
begin
  raise exception '%', message using errcode = 'invalid_parameter_value';
end
$$;

-- The zone's name when PostgreSQL knows it; otherwise the query stops with
-- PostgreSQL's own message. Immutable, so a constant argument is checked once,
-- when the query is planned.
create or replace function evtui_known_zone(tz text) returns text
language plpgsql immutable
as $$
begin
  perform now() at time zone tz;
  return tz;
end
$$;

-- The day, in tz, of the latest event known at known_at; the day of known_at
-- (or today, whichever is earlier) when there is none. Not inlined into the
-- caller, so on Citus its query is planned as a distributed one.
create or replace function evtui_latest_day(tz text, known_at timestamptz) returns date
language plpgsql stable
as $$
begin
  return coalesce(
    (select (max(e.event_time) at time zone tz)::date from events e where e.ingested_at <= known_at),
    (least(known_at, now()) at time zone tz)::date);
end
$$;

-- The JSON object a --segment or --where parameter holds (KEY: VALUE pairs,
-- each VALUE any JSON, sql/schema/007_segments.sql); null when '' (none) or
-- empty.
-- Anything else stops the query with a message naming what it got.
-- Immutable, so a constant text is read once, when the query is planned.
create or replace function evtui_properties_arg(given text, what text) returns jsonb
language plpgsql immutable
as $$
declare
  wanted jsonb;
begin
  if coalesce(given, '') = '' then
    return null;
  end if;
  wanted := given::jsonb;
  if jsonb_typeof(wanted) <> 'object' then
    raise exception '% must be a JSON object of KEY: VALUE pairs (got %)', what, given
      using errcode = 'invalid_parameter_value';
  end if;
  return nullif(wanted, '{}'::jsonb);
end
$$;

-- The parameters every metric shares (SPEC §5), with their defaults and checks.
-- "Not given" is 'infinity' for the dates and known_at, '' for the texts:
--   tz            default UTC; an unknown zone stops the query
--   known_at      default infinity: no ingested_at cut
--   to            default the day of the latest event known at known_at
--   from          default to - 29; after to, or 50 years or more before it, stops the query
--   as_of         default to
--   signup_event  default signup; at most 128 characters, as an event name
-- and the instants that bound the days: from_at (first instant of from),
-- to_end_at (first instant after to), cut_at (first instant after as_of:
-- nothing at or after it is seen), and the --segment and --where objects
-- (segment_props, where_props: null when not given; sql/schema/007_segments.sql),
-- and grouped: whether a segment or a --by is given, so a metric joins its
-- users to their groups only then (with grouped false the join is left out).
-- Given constant arguments, the planner folds the whole row to constants.
drop function if exists evtui_params(text, text, text, text, text, text);
drop function if exists evtui_params(date, date, date, text, timestamptz, text);
drop function if exists evtui_params(date, date, date, text, timestamptz, text, text, text);
create or replace function evtui_params(
  from_given date, to_given date, as_of_given date, tz_given text, known_at_given timestamptz, signup_event_given text,
  segment_given text default '', where_given text default '', by_given text default '')
returns table (
  from_day date, to_day date, as_of_day date, tz text, known_at timestamptz, signup_event text,
  from_at timestamptz, to_end_at timestamptz, cut_at timestamptz, segment_props jsonb, where_props jsonb, grouped boolean)
language sql stable
as $$
  select d.from_day, d.to_day, d.as_of_day, g.tz, g.known_at, g.signup_event,
         evtui_day_start(d.from_day, g.tz), evtui_day_start(d.to_day + 1, g.tz), evtui_day_start(d.as_of_day + 1, g.tz),
         evtui_properties_arg(segment_given, 'segment'), evtui_properties_arg(where_given, 'where'),
         evtui_properties_arg(segment_given, 'segment') is not null or coalesce(by_given, '') <> ''
  from (
    select
      evtui_known_zone(coalesce(nullif(tz_given, ''), 'UTC'))                as tz,
      known_at_given                                                         as known_at,
      case when length(signup_event_given) > 128
           then evtui_reject(format('signup_event is longer than 128 characters (%s)', length(signup_event_given)), ''::text)
           else coalesce(nullif(signup_event_given, ''), 'signup') end       as signup_event,
      nullif(from_given, 'infinity')                                         as from_day,
      nullif(to_given, 'infinity')                                           as to_day,
      nullif(as_of_given, 'infinity')                                        as as_of_day
  ) g
  cross join lateral (
    -- a scalar subquery: worked out once per query, not once per use
    select coalesce(g.to_day, (select evtui_latest_day(g.tz, g.known_at))) as to_day
  ) t
  cross join lateral (
    select coalesce(g.from_day, t.to_day - 29) as from_day, coalesce(g.as_of_day, t.to_day) as as_of_day
  ) f
  cross join lateral (
    select
      case
        when f.from_day > t.to_day
        then evtui_reject(format('from (%s) is after to (%s)', f.from_day, t.to_day), null::date)
        when f.from_day + interval '50 years' <= t.to_day
        then evtui_reject(format('the window %s to %s is 50 years or longer', f.from_day, t.to_day), null::date)
        else f.from_day
      end         as from_day,
      t.to_day,
      f.as_of_day
  ) d
$$;

-- The cohort of a window: the users whose signup time (their earliest
-- signup_event event seen under the as_of and known_at cuts) falls on a day in
-- [from, to], with that time and day. The arguments as evtui_params takes them.
-- PL/pgSQL, so its query is planned on its own: on Citus as a distributed
-- query whose result the metric then joins, where an inlined SQL function
-- would be planned by Citus before PostgreSQL saw the events table inside it.
drop function if exists evtui_cohort(date, date, date, text, timestamptz, text, text);
drop function if exists evtui_cohort(date, date, date, text, timestamptz, text, text, text);
create or replace function evtui_cohort(
  from_given date, to_given date, as_of_given date, tz_given text, known_at_given timestamptz, signup_event_given text)
returns table (user_id text, signup_time timestamptz, signup_day date)
language plpgsql stable rows 10000
as $$
begin
  return query
    with params as not materialized (
      select * from evtui_params(from_given, to_given, as_of_given, tz_given, known_at_given, signup_event_given)
    ),
    signup as (
      select e.user_id, min(e.event_time) as signup_time
      from events e, params p
      where e.event_name = p.signup_event and e.event_time < p.cut_at and e.ingested_at <= p.known_at
      group by e.user_id
    )
    select s.user_id, s.signup_time, (s.signup_time at time zone p.tz)::date
    from signup s, params p
    where s.signup_time >= p.from_at and s.signup_time < p.to_end_at;
end
$$;

-- Each user seen up to the end of as_of and known at known_at, over their
-- counted events (those whose properties hold every KEY=VALUE of --where): the
-- first and the latest of them and how many. churn and churn_users read the
-- same rows, so a status's list of users always has as many users as churn
-- counts. The arguments as evtui_params takes them, and where; PL/pgSQL for
-- Citus, as evtui_cohort.
drop function if exists evtui_user_activity(date, date, text, timestamptz, text, text, text, text);
create or replace function evtui_user_activity(
  to_given date, as_of_given date, tz_given text, known_at_given timestamptz, signup_event_given text, where_given text)
returns table (user_id text, first_seen timestamptz, last_seen timestamptz, events bigint)
language plpgsql stable rows 100000
as $$
begin
  -- run with EXECUTE so the arguments ($1 to $6, in the order above) are
  -- constants when it is planned, as in a metric file: the parameters fold,
  -- and without --where the scan stays index-only
  return query execute $query$
    with params as not materialized (
      select * from evtui_params('infinity', $1, $2, $3, $4, $5, '', $6, '')
    )
    select e.user_id, min(e.event_time), max(e.event_time), count(*)
    from params p cross join events e
    where e.event_time < p.cut_at and e.ingested_at <= p.known_at
      and evtui_has_properties(e.properties, p.where_props)
    group by e.user_id
  $query$
  using to_given, as_of_given, tz_given, known_at_given, signup_event_given, where_given;
end
$$;

-- The two rows of a signup funnel (funnel_activity, funnel_day1) from its
-- counts: step 1 the signed-up users, step 2 the converted ones, with the
-- conversion rate from step 1 (step 1's own rate is 1, or null when no one
-- signed up), the median seconds to convert and the open windows (step 2).
-- Counts not given (null: a group no one signed up in) are 0.
create or replace function evtui_signup_funnel(
  step2_name text, signed_up bigint, converted bigint, median_seconds double precision, open_windows bigint)
returns table (step int, name text, users bigint, conversion_rate numeric,
               median_seconds_to_convert double precision, open_windows bigint)
language sql immutable
as $$
  select 1, 'signed_up', coalesce(signed_up, 0), case when signed_up > 0 then 1::numeric end, null::double precision, null::bigint
  union all
  select 2, step2_name, coalesce(converted, 0), converted::numeric / nullif(signed_up, 0), median_seconds, coalesce(open_windows, 0)
$$;

-- Functions of earlier versions that split work by sampling the table
drop function if exists evtui_period_starts(text, date, date, text);
drop function if exists evtui_user_split(timestamptz, timestamptz, text);
drop function if exists evtui_name_user_split(timestamptz, timestamptz);
drop function if exists evtui_name_split(timestamptz, timestamptz);
drop function if exists evtui_sample_percent();

-- The churn status of a user inactive for days_inactive days (SPEC §5): one
-- definition of the bands for churn and churn_users, so a status's list of
-- users always has as many users as churn counts.
create or replace function evtui_churn_status(days_inactive int) returns text
language sql immutable parallel safe
as $$
  select case
    when days_inactive < 7 then 'active'
    when days_inactive < 14 then 'soft_churn'
    when days_inactive < 30 then 'churned'
    else 'hard_churn'
  end
$$;
