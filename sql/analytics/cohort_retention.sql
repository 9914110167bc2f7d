-- metric: cohort_retention
-- title: Cohort retention matrix
-- summary: Users who signed up in [from, to], grouped by signup period, and how many were active in each later period.
-- grain: one row per (cohort, period) from the cohort's own period up to the period holding as_of
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: infinity, no cut)
--   signup_event  text         the event name that marks a signup (default: signup)
--   granularity   text         cohort period: day, week (starting Monday) or month (default: week)
-- columns:
--   cohort          date  first day of the cohort's period (a Monday for week, the 1st for month)
--   period          int   k = 0 for the cohort's own period, 1 for the next, and so on
--   cohort_users    int   users whose signup day is in [from, to] and in the cohort's period
--   active_users    int   k = 0: the cohort size; k >= 1: cohort users with an activity event in period k
--   retention_rate  rate  active_users / cohort_users
--   complete        bool  false when period k ends after as_of (not yet fully seen)
-- definition:
--   Signup time is a user's earliest signup_event event; the signup day its date in tz.
--   Cohort users are those whose signup day is in [from, to] (so a period cut by from
--   or to holds only its signups inside the window), grouped by the day/week/month
--   (weeks start Monday) of the signup day. A period with no such user has no rows.
--   For k >= 1, active_users counts cohort users with an activity event (any event
--   not named signup_event) whose day falls in the k-th period after the cohort's,
--   up to as_of. Periods starting after as_of are left out.
-- run: psql -v from=2025-01-01 -v to=2025-03-31 -v granularity=month -v tz=UTC -f sql/analytics/cohort_retention.sql
\if :{?tz} \else \set tz '' \endif
\if :{?known_at} \else \set known_at infinity \endif
\if :{?signup_event} \else \set signup_event '' \endif
\if :{?granularity} \else \set granularity '' \endif
\if :{?from} \else \set from infinity \endif
\if :{?to} \else \set to infinity \endif
\if :{?as_of} \else \set as_of infinity \endif

with input as (
  -- "not given" is 'infinity' for dates and known_at, '' otherwise: the header's
  -- defaults apply. Typed literals let the planner fold every bound to a constant.
  select
    case when :'tz'::text <> '' then :'tz'::text else 'UTC' end                          as tz,
    :'known_at'::timestamptz                                                as known_at,
    case when :'signup_event'::text <> '' then :'signup_event'::text else 'signup' end  as signup_event,
    case when :'granularity'::text <> '' then :'granularity'::text else 'week' end    as granularity,
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
  -- cut_at: the first instant after as_of, so nothing at or after it is seen
  select
    r.tz,
    r.known_at,
    r.signup_event,
    r.granularity,
    r.from_day,
    r.to_day,
    r.as_of_day,
    r.from_day::timestamp at time zone r.tz        as from_at,
    (r.to_day + 1)::timestamp at time zone r.tz    as to_end_at,
    (r.as_of_day + 1)::timestamp at time zone r.tz as cut_at,
    date_trunc(r.granularity, r.as_of_day::timestamp)::date as as_of_period,
    ('1 ' || r.granularity)::interval                                                 as step
  from resolved r
),

signup_times as (
  -- a user's signup time is their earliest signup event (under the cuts)
  select e.user_id, min(e.event_time) as signup_at
  from params p
  join events e on e.event_name = p.signup_event and e.event_time < p.cut_at
  where e.ingested_at <= p.known_at
  group by e.user_id
),

cohort_users as (
  select
    s.user_id,
    date_trunc(p.granularity, s.signup_at at time zone p.tz)::date as cohort
  from signup_times s cross join params p
  where (s.signup_at at time zone p.tz)::date between p.from_day and p.to_day
),

period_bounds as (
  -- the first instant of every period after the first cohort's, up to the one
  -- after as_of's, computed once per period (local midnight, or the first of two
  -- where a DST change repeats the hour after midnight; see dau.sql), so no
  -- event is converted to tz
  select
    m.period_start,
    case when ((m.at - interval '1 microsecond') at time zone p.tz)::date >= m.period_start
      then m.at - interval '1 microsecond'
           - (((m.at - interval '1 microsecond') at time zone p.tz) - m.period_start::timestamp)
      else m.at end as start_at
  from params p
  cross join generate_series(date_trunc(p.granularity, p.from_day::timestamp) + p.step,
                             p.as_of_period::timestamp + p.step, p.step) as g
  cross join lateral (select g::date as period_start, g::date::timestamp at time zone p.tz as at) m
),

periods_after as (
  select period_start, start_at, lead(start_at) over (order by period_start) as end_at
  from period_bounds
),

period_users as materialized (
  -- per period, one range of the (event_time) index and a hash of its active
  -- users; every cohort's later periods start after from, so none is missed
  select pa.period_start, u.user_id
  from periods_after pa
  cross join params p
  cross join lateral (
    select distinct e.user_id
    from events e
    where e.event_time >= pa.start_at
      and e.event_time < least(pa.end_at, p.cut_at)
      and e.event_name <> p.signup_event
      and e.ingested_at <= p.known_at
  ) u
  where pa.end_at is not null
),

active_periods as (
  -- cohort users' activity periods after their cohort's own
  select c.cohort, a.user_id, a.period_start
  from cohort_users c
  join period_users a on a.user_id = c.user_id and a.period_start > c.cohort
),

active_counts as (
  select cohort, period_start, count(*) as active_users
  from active_periods
  group by 1, 2
),

cohort_sizes as (
  select cohort, count(*) as cohort_users from cohort_users group by 1
),

periods as (
  -- k runs from the cohort's own period to the one holding as_of
  select
    s.cohort,
    s.cohort_users,
    k                                 as period,
    (s.cohort + k * p.step)::date     as period_start,
    (s.cohort + (k + 1) * p.step)::date <= p.as_of_day + 1 as complete
  from cohort_sizes s
  cross join params p
  cross join lateral generate_series(0,
    case p.granularity
      when 'month' then ((extract(year from p.as_of_period) - extract(year from s.cohort)) * 12
                        + extract(month from p.as_of_period) - extract(month from s.cohort))::int
      when 'week' then (p.as_of_period - s.cohort) / 7
      else p.as_of_period - s.cohort
    end) as k
),

final as (
  select
    r.cohort,
    r.period,
    r.cohort_users,
    case when r.period = 0 then r.cohort_users else coalesce(a.active_users, 0) end as active_users,
    case when r.period = 0 then r.cohort_users else coalesce(a.active_users, 0) end::numeric
      / r.cohort_users as retention_rate,
    r.complete
  from periods r
  left join active_counts a on a.cohort = r.cohort and a.period_start = r.period_start
)

select cohort, period, cohort_users, active_users, retention_rate, complete
from final
order by cohort, period;
