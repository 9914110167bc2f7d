-- metric: dau
-- title: Daily active users
-- summary: Distinct users with any event, for each day in [from, to]; days without events show 0.
-- grain: one row per calendar day in [from, to] (days in tz), zero days included
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event; see docs/metrics.md)
-- columns:
--   day           date  the calendar day in tz
--   active_users  int   distinct users with at least one event (any name) that day
-- definition:
--   An event's day is the calendar date of event_time in tz. A user is active on a
--   day when they have at least one event of any name that day, signup included.
--   Days after as_of show 0: nothing after the end of as_of is seen.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -f sql/analytics/dau.sql
\ir defaults.psql

with params as not materialized (
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event')
),

days as (
  select d::date as day
  from params p, generate_series(p.from_day, p.to_day, interval '1 day') d
),

seen as (
  -- the window's events, up to the end of as_of and known at known_at
  select e.user_id, (e.event_time at time zone p.tz)::date as day
  from events e, params p
  where e.event_time >= p.from_at and e.event_time < least(p.to_end_at, p.cut_at)
    and e.ingested_at <= p.known_at
),

active as (
  select day, count(distinct user_id) as active_users
  from seen
  group by day
)

select d.day, coalesce(a.active_users, 0) as active_users
from days d
left join active a using (day)
order by d.day;
