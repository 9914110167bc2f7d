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
  -- defaults apply. Typed literals let the planner fold every bound to a constant,
  -- and "known_at = 'infinity' or ingested_at <= known_at" to true when there is
  -- no cut, so no entry is tested (4-6% of a pass over an index, server and PGlite).
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
  -- cut_at: the first instant after as_of, so nothing at or after it is seen.
  -- A day's first instant is its local midnight, or the first of two where a
  -- DST change repeats the hour after midnight (evtui_period_starts, in
  -- sql/schema/005_metric_functions.sql; a plain "at time zone" takes the second)
  select
    r.tz,
    r.known_at,
    r.signup_event,
    r.granularity,
    r.from_day,
    r.to_day,
    r.as_of_day,
    (evtui_period_starts('day', r.from_day, r.from_day, r.tz))[1]   as from_at,
    (evtui_period_starts('day', r.to_day, r.to_day, r.tz))[2]       as to_end_at,
    (evtui_period_starts('day', r.as_of_day, r.as_of_day, r.tz))[2] as cut_at,
    date_trunc(r.granularity, r.as_of_day::timestamp)::date as as_of_period,
    ('1 ' || r.granularity)::interval                                                 as step
  from resolved r
),

bounds as not materialized (
  -- starts[j + 1] is the first instant of period j (j = 0: the first cohort's
  -- period) and the last element ends the period holding as_of: see
  -- evtui_period_starts (sql/schema/005_metric_functions.sql), which finds the
  -- periods' first instants in tz once, so no event is converted to tz. Its
  -- arguments are constants, so the array is one too, computed when the query
  -- is planned. n periods: up to 32 the set of a user's active periods is an
  -- int, bit 31 the sign bit (passed by value even in PGlite's 32-bit build,
  -- where a bigint is allocated per operation: 0.87x the time of a bigint at
  -- 1M events there, the same on the server), beyond that a bit string.
  select
    a.starts,
    a.starts[1]                                       as first_at,
    cardinality(a.starts) - 1                         as n,
    cardinality(a.starts) - 1 <= 32                   as small,
    repeat('0', cardinality(a.starts) - 1)::varbit    as zeros
  from params p
  cross join lateral (select evtui_period_starts(p.granularity, p.from_day, p.as_of_day, p.tz) as starts) a
),

split as (
  -- where the users are cut in two (see per_user)
  select evtui_user_split('-infinity', p.cut_at) as user_id from params p
),

per_user as (
  -- One pass over the (user_id, event_time) index in user order, grouping each
  -- user's events as they come (no hash of every user): the earliest signup,
  -- and the set of periods with an activity event as bits (bit j: period j,
  -- the bucket of event_time among the periods' first instants). Replaces one
  -- hash of active users per period and a join of them to the cohort.
  --
  -- Whether an event is a signup is found once per entry; an event needs no
  -- check against the end of the last period, which the as_of cut never
  -- passes (PGlite: 5-20% faster than checking both per aggregate).
  --
  -- The users come in two halves, split at evtui_user_split(): each half is a
  -- branch of a Parallel Append that reads its own range of the index, run by
  -- its own process on a server (one after the other where no workers run,
  -- as on PGlite). The split is a parameter of this level, pushed into both
  -- branches as a range of user_id; every user is in exactly one half.
  select h.user_id, h.signup_at, h.active_small, h.active_big
  from (
    select
      1 as half,
      e.user_id,
      min(e.event_time) filter (where e.is_signup) as signup_at,
      bit_or(1 << (width_bucket(e.event_time, b.starts) - 1))
        filter (where b.small and not e.is_signup and e.event_time >= b.first_at) as active_small,
      bit_or(set_bit(b.zeros, width_bucket(e.event_time, b.starts) - 1, 1))
        filter (where not b.small and not e.is_signup and e.event_time >= b.first_at) as active_big
    from (
      -- in index order, which the order by asks for: without it PGlite
      -- (PostgreSQL 18) hashed every user, 1.5x slower at 1M than grouping in order
      select e.user_id, e.event_time, e.event_name = p.signup_event as is_signup
      from params p
      join events e on e.event_time < p.cut_at
      where (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
      order by e.user_id
    ) e
    cross join bounds b
    group by e.user_id
    union all
    select
      2 as half,
      e.user_id,
      min(e.event_time) filter (where e.is_signup) as signup_at,
      bit_or(1 << (width_bucket(e.event_time, b.starts) - 1))
        filter (where b.small and not e.is_signup and e.event_time >= b.first_at) as active_small,
      bit_or(set_bit(b.zeros, width_bucket(e.event_time, b.starts) - 1, 1))
        filter (where not b.small and not e.is_signup and e.event_time >= b.first_at) as active_big
    from (
      select e.user_id, e.event_time, e.event_name = p.signup_event as is_signup
      from params p
      join events e on e.event_time < p.cut_at
      where (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
      order by e.user_id
    ) e
    cross join bounds b
    group by e.user_id
  ) h
  where (h.half = 1 and h.user_id < (select user_id from split))
     or (h.half = 2 and h.user_id >= (select user_id from split))
),

cohort_masks as (
  -- cohort users with the same cohort and the same set of active periods, counted once
  select
    date_trunc(p.granularity, u.signup_at at time zone p.tz)::date as cohort,
    u.active_small,
    u.active_big,
    count(*) as users
  from per_user u cross join params p
  where (u.signup_at at time zone p.tz)::date between p.from_day and p.to_day
  group by 1, 2, 3
),

active_counts as (
  -- per cohort and later period j: the users whose bit j is set
  select
    c.cohort,
    (date_trunc(p.granularity, p.from_day::timestamp) + j * p.step)::date as period_start,
    sum(c.users)::bigint as active_users
  from cohort_masks c
  cross join params p
  cross join bounds b
  cross join generate_series(0, b.n - 1) as j
  where (date_trunc(p.granularity, p.from_day::timestamp) + j * p.step)::date > c.cohort
    and case when b.small then (c.active_small >> j) & 1 = 1 else get_bit(c.active_big, j) = 1 end
  group by 1, 2
),

cohort_sizes as (
  select cohort, sum(users)::bigint as cohort_users from cohort_masks group by 1
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
