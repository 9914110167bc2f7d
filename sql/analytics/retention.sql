-- metric: retention
-- title: Retention
-- summary: Of the users who signed up in [from, to], the share with an activity event on a later day, up to as_of.
-- grain: one row
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where; see docs/metrics.md)
-- columns:
--   cohort_users    int   users whose signup day is in [from, to]
--   retained_users  int   of them, users with an activity event on a day after their signup day, up to as_of
--   retention_rate  rate  retained_users / cohort_users, a fraction from 0 to 1 (null when the cohort is empty)
-- definition:
--   Signup time is a user's earliest signup_event event; the signup day its date in tz.
--   An activity event is any event whose name is not signup_event. A cohort user is
--   retained when they have an activity event whose day (in tz) is after their signup
--   day and not after as_of. Activity on the signup day itself does not retain.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v as_of=2025-02-28 -v tz=UTC -f sql/analytics/retention.sql
\ir defaults.psql

with params as not materialized (
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where')
),

cohort as (
  -- users whose signup day (of their earliest signup event seen) is in [from, to]
  select * from evtui_cohort(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment')
),

retained as (
  -- cohort users with an activity event from the day after their signup day on
  select distinct c.user_id
  from cohort c
  join events e on e.user_id = c.user_id
  cross join params p
  where e.event_name <> p.signup_event
    and e.event_time >= evtui_day_start(c.signup_day + 1, p.tz)
    and e.event_time < p.cut_at and e.ingested_at <= p.known_at
    and evtui_has_properties(e.properties, p.where_props)
),

totals as (
  select c.n as cohort_users, r.n as retained_users
  from (select count(*) as n from cohort) c, (select count(*) as n from retained) r
)

select cohort_users, retained_users, retained_users::numeric / nullif(cohort_users, 0) as retention_rate
from totals;
