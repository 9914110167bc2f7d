-- metric: cohort_retention
-- title: Cohort retention matrix
-- summary: Users who signed up in [from, to], grouped by signup period, and how many were active in each later period.
-- grain: one row per (cohort, period) from the cohort's own period up to the period holding as_of
-- params: the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment) and
--   granularity   text         cohort period: day, week (starting Monday) or month (default: week)
--   mode          text         on: active in period k; on_or_after: active in period k or a later one (default: on)
-- columns:
--   cohort          date  first day of the cohort's period (a Monday for week, the 1st for month)
--   period          int   k = 0 for the cohort's own period, 1 for the next, and so on
--   cohort_users    int   users whose signup day is in [from, to] and in the cohort's period
--   active_users    int   k = 0: the cohort size; k >= 1: cohort users with an activity event in period k (on_or_after: in k or later)
--   retention_rate  rate  active_users / cohort_users
--   complete        bool  false when period k ends after as_of (not yet fully seen)
-- definition:
--   Signup time is a user's earliest signup_event event; the signup day its date in tz.
--   Cohort users are those whose signup day is in [from, to] (so a period cut by from
--   or to holds only its signups inside the window), grouped by the day/week/month
--   (weeks start Monday) of the signup day. A period with no such user has no rows.
--   For k >= 1, active_users counts cohort users with an activity event (any event
--   not named signup_event) whose day falls in the k-th period after the cohort's,
--   up to as_of; with mode on_or_after (unbounded retention), whose day falls in the
--   k-th period or any later one up to as_of. Periods starting after as_of are left out.
-- run: psql -v from=2025-01-01 -v to=2025-03-31 -v granularity=month -v tz=UTC -f sql/analytics/cohort_retention.sql
\ir defaults.psql

with params as not materialized (
  select *, coalesce(nullif(:'granularity', ''), 'week') as granularity, coalesce(nullif(:'mode', ''), 'on') as mode
  from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

cohort_user as (
  -- users whose signup day (of their earliest signup event seen) is in [from, to], by group
  -- and by the period of their signup day, with the first instant of the period after it
  select case when p.grouped then s.segment end as segment, c.user_id, date_trunc(p.granularity, c.signup_day)::date as cohort,
         evtui_day_start((date_trunc(p.granularity, c.signup_day) + ('1 ' || p.granularity)::interval)::date, p.tz) as next_period_at
  from evtui_cohort(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event') c
  cross join params p
  left join (select distinct on (user_id) * from user_group) s on s.user_id = c.user_id
  where (p.segment_props is null or s.user_id is not null)
),

cohort_size as (
  select segment, cohort, count(*) as cohort_users from cohort_user group by segment, cohort
),

user_active_period as (
  -- each cohort user's periods after the cohort's own with an activity event seen
  select distinct c.user_id, c.segment, c.cohort, date_trunc(p.granularity, e.event_time at time zone p.tz)::date as period_start
  from cohort_user c
  join events e on e.user_id = c.user_id
  cross join params p
  where e.event_name <> p.signup_event
    and e.event_time >= c.next_period_at and e.event_time < p.cut_at and e.ingested_at <= p.known_at
    and evtui_has_properties(e.properties, p.where_props)
),

counted_period as (
  -- mode on: each period a user is active in; on_or_after: only their last one,
  -- which the running total below counts for every period up to it
  select u.segment, u.cohort, u.user_id, u.period_start from user_active_period u, params p where p.mode = 'on'
  union all
  select u.segment, u.cohort, u.user_id, max(u.period_start) from user_active_period u, params p where p.mode = 'on_or_after'
  group by u.user_id, u.segment, u.cohort
),

active_in_period as (
  -- periods numbered once they are counted: k periods after the cohort's
  select c.segment, c.cohort, evtui_periods_between(p.granularity, c.cohort, c.period_start) as period, c.users
  from (select segment, cohort, period_start, count(*) as users from counted_period group by segment, cohort, period_start) c, params p
),

matrix as (
  -- every period from the cohort's own to the one holding as_of
  select s.segment, s.cohort, s.cohort_users, k as period,
         (s.cohort + (k + 1) * ('1 ' || p.granularity)::interval)::date - 1 as period_end
  from cohort_size s
  cross join params p
  cross join generate_series(0, evtui_periods_between(p.granularity, s.cohort, p.as_of_day)) k
),

cell as (
  select m.*,
         case when m.period = 0 then m.cohort_users
              when p.mode = 'on' then coalesce(a.users, 0)
              else sum(coalesce(a.users, 0)) over (partition by m.segment, m.cohort order by m.period desc) end as active_users
  from matrix m
  cross join params p
  left join active_in_period a on a.segment is not distinct from m.segment and a.cohort = m.cohort and a.period = m.period
)

-- a group or a cohort period without cohort users has no rows
select c.segment, c.cohort, c.period, c.cohort_users, c.active_users,
       c.active_users::numeric / c.cohort_users as retention_rate,
       c.period_end <= p.as_of_day               as complete
from cell c
cross join params p
order by c.segment collate "C" nulls last, c.cohort, c.period;
