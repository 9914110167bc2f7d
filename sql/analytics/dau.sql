-- metric: dau
-- title: Daily active users
-- summary: Distinct users with any event, for each day in [from, to]; days without events show 0.
-- grain: one row per calendar day in [from, to] (days in tz), zero days included
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: infinity, no cut)
-- columns:
--   day           date  the calendar day in tz
--   active_users  int   distinct users with at least one event (any name) that day
-- definition:
--   An event's day is the calendar date of event_time in tz. A user is active on a
--   day when they have at least one event of any name that day, signup included.
--   Days after as_of show 0: nothing after the end of as_of is seen.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -f sql/analytics/dau.sql
\if :{?tz} \else \set tz '' \endif
\if :{?known_at} \else \set known_at infinity \endif
\if :{?from} \else \set from infinity \endif
\if :{?to} \else \set to infinity \endif
\if :{?as_of} \else \set as_of infinity \endif

with input as (
  -- "not given" is 'infinity' for dates and known_at, '' otherwise: the header's
  -- defaults apply. Typed literals let the planner fold every bound to a constant,
  -- and "known_at = 'infinity' or ingested_at <= known_at" to true when there is
  -- no cut, so no entry is tested (4-6% of a pass over an index, server and PGlite).
  select
    case when :'tz'::text <> '' then :'tz'::text else 'UTC' end                          as tz,
    :'known_at'::timestamptz                                                as known_at,
    :'from'::date                                                           as from_given,
    :'to'::date                                                             as to_given,
    :'as_of'::date                                                          as as_of_given
),

window_end as (
  -- to defaults to the day, in tz, of the latest event known at known_at
  select
    i.*,
    case when :'to'::date <> 'infinity' then i.to_given else coalesce(
      (select (max(e.event_time) at time zone i.tz)::date from events e
        where e.ingested_at <= i.known_at),
      (least(i.known_at, now()) at time zone i.tz)::date) end as to_day
  from input i
),

resolved as (
  select
    w.*,
    case when :'from'::date <> 'infinity' then w.from_given else w.to_day - 29 end as from_day,
    case when :'as_of'::date <> 'infinity' then w.as_of_given else w.to_day end    as as_of_day
  from window_end w
),

params as not materialized (
  -- from_at, to_end_at: the first instants of from and of the day after to;
  -- cut_at: the first instant after as_of, so nothing at or after it is seen.
  -- A day's first instant is its local midnight, or the first of two where a
  -- DST change repeats the hour after midnight (evtui_period_starts, in
  -- sql/schema/005_metric_functions.sql; a plain "at time zone" takes the second)
  select
    r.tz,
    r.known_at,
    r.from_day,
    r.to_day,
    r.as_of_day,
    (evtui_period_starts('day', r.from_day, r.from_day, r.tz))[1]   as from_at,
    (evtui_period_starts('day', r.to_day, r.to_day, r.tz))[2]       as to_end_at,
    (evtui_period_starts('day', r.as_of_day, r.as_of_day, r.tz))[2] as cut_at
  from resolved r
),

day_bounds as not materialized (
  -- each day's first instant, found once per day so no event is converted to
  -- tz (evtui_period_starts, sql/schema/005_metric_functions.sql: local
  -- midnight, or the first of two where a DST change repeats the hour after
  -- midnight); its arguments are constants, so the array is one too. One extra
  -- day gives the last day its end.
  select u.n - 1 as k, p.from_day + (u.n - 1)::int as day, u.start_at
  from params p
  cross join unnest(evtui_period_starts('day', p.from_day, p.to_day, p.tz)) with ordinality as u(start_at, n)
),

days as not materialized (
  -- a day ends where the next begins (a join, not lead(): window functions
  -- would keep the per-day counts below out of parallel workers)
  select b.k, b.day, b.start_at, n.start_at as end_at
  from day_bounds b
  join day_bounds n on n.k = b.k + 1
),

active as (
  -- Two ways to the same counts; the setting picks one when the query starts
  -- (a one-time filter: the other branch is never run).
  --
  -- Without parallel workers (PGlite; a server with
  -- max_parallel_workers_per_gather = 0): per day, one range scan of the
  -- (event_time) index and a small hash of its users, ~100x smaller hash tables
  -- than one (day, user) hash over the window.
  select
    d.day,
    (select count(*) from (
       select distinct e.user_id
       from events e
       where e.event_time >= d.start_at
         and e.event_time < least(d.end_at, p.cut_at)
         and (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
     ) u) as active_users
  from days d
  cross join params p
  where current_setting('max_parallel_workers_per_gather')::int = 0
  union all
  -- With workers: the even and the odd days are two branches of a Parallel
  -- Append, each run by its own process. A per-day subquery cannot run in a
  -- worker (its day bounds are parameters from the outer row), so each branch
  -- joins its days, in day order, to their index ranges and counts each day's
  -- users by a sort (byte-wise: user_id is collate "C") of that day alone. On one process
  -- the sort is slower than the per-day hash (10M events: 1.17x; PGlite 1M:
  -- 1.9x), on two dau takes 0.63x the hash's time at 10M events and 0.72-0.85x
  -- at 1M (docs/benchmark-plans.md).
  select s.day, s.active_users
  from (
    select d.day, count(distinct e.user_id) as active_users
    from (select * from days where k % 2 = 0 order by day) d
    cross join params p
    join events e
      on e.event_time >= d.start_at
     and e.event_time < least(d.end_at, p.cut_at)
     and (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
    group by d.day
    union all
    select d.day, count(distinct e.user_id) as active_users
    from (select * from days where k % 2 = 1 order by day) d
    cross join params p
    join events e
      on e.event_time >= d.start_at
     and e.event_time < least(d.end_at, p.cut_at)
     and (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
    group by d.day
    -- offset 0 keeps this union apart from the one above (one Parallel Append
    -- cannot hold the per-day subquery) and the one-time filter above its Gather
    offset 0
  ) s
  where current_setting('max_parallel_workers_per_gather')::int > 0
),

final as (
  -- days without events show 0
  select d.day, coalesce(a.active_users, 0) as active_users
  from days d
  cross join params p
  left join active a on a.day = d.day
  where d.day <= p.to_day
)

select day, active_users from final order by day;
