-- metric: signups
-- title: Signups per day
-- summary: Users whose signup day (the day of their earliest signup event) is each day in [from, to]; zero days show 0.
-- grain: one row per calendar day in [from, to] (days in tz), zero days included
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event; see docs/metrics.md)
-- columns:
--   day      date  the calendar day in tz
--   signups  int   users whose signup day is this day
-- definition:
--   A user's signup time is their earliest signup_event event seen under the as_of
--   and known_at cuts; their signup day is its calendar date in tz. A second signup
--   event never counts again. Users without a signup event are not counted.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -v signup_event=signup -f sql/analytics/signups.sql
\ir defaults.psql

with params as not materialized (
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event')
),

days as (
  select d::date as day
  from params p, generate_series(p.from_day, p.to_day, interval '1 day') d
),

signup as (
  -- each user's signup time: their earliest signup event seen
  select e.user_id, min(e.event_time) as signup_time
  from events e, params p
  where e.event_name = p.signup_event and e.event_time < p.cut_at and e.ingested_at <= p.known_at
  group by e.user_id
),

signups_per_day as (
  select (s.signup_time at time zone p.tz)::date as day, count(*) as signups
  from signup s, params p
  where s.signup_time >= p.from_at and s.signup_time < p.to_end_at
  group by 1
)

select d.day, coalesce(s.signups, 0) as signups
from days d
left join signups_per_day s using (day)
order by d.day;
