-- metric: day1_retention
-- title: Day-1 retention by signup day
-- summary: For each signup day in [from, to], the users who signed up and the share active on the next day.
-- grain: one row per calendar day in [from, to] (days in tz), zero days included (rate null)
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event; see docs/metrics.md)
-- columns:
--   day             date  the signup day in tz
--   cohort_users    int   users whose signup day is this day
--   retained_users  int   of them, users with an activity event on the next day (day + 1)
--   retention_rate  rate  retained_users / cohort_users (null when cohort_users is 0)
--   complete        bool  false when day + 1 is after as_of (the next day is not fully seen)
-- definition:
--   Signup time is a user's earliest signup_event event; the signup day its date in tz.
--   An activity event is any event whose name is not signup_event. A cohort user is
--   retained when an activity event falls on the calendar day after their signup day
--   (in tz, so a 23- or 25-hour day across DST is still one day), before the as_of cut.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -f sql/analytics/day1_retention.sql
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

cohort as (
  -- users whose signup day is in [from, to]
  select s.user_id, (s.signup_time at time zone p.tz)::date as signup_day
  from signup s, params p
  where s.signup_time >= p.from_at and s.signup_time < p.to_end_at
),

retained as (
  -- cohort users with an activity event on the day after their signup day
  select distinct c.user_id, c.signup_day
  from cohort c
  join events e on e.user_id = c.user_id
  cross join params p
  where e.event_name <> p.signup_event
    and e.event_time >= evtui_day_start(c.signup_day + 1, p.tz)
    and e.event_time < evtui_day_start(c.signup_day + 2, p.tz)
    and e.event_time < p.cut_at and e.ingested_at <= p.known_at
),

per_day as (
  select c.signup_day as day, count(*) as cohort_users, count(r.user_id) as retained_users
  from cohort c
  left join retained r using (user_id)
  group by c.signup_day
)

select
  d.day,
  coalesce(c.cohort_users, 0)                         as cohort_users,
  coalesce(c.retained_users, 0)                       as retained_users,
  c.retained_users::numeric / nullif(c.cohort_users, 0) as retention_rate,
  d.day + 1 <= p.as_of_day                            as complete
from days d
cross join params p
left join per_day c using (day)
order by d.day;
