-- metric: retention
-- title: Retention
-- summary: Of the users who signed up in [from, to], the share with an activity event on a later day, up to as_of.
-- grain: one row
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: infinity, no cut)
--   signup_event  text         the event name that marks a signup (default: signup)
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
\if :{?tz} \else \set tz '' \endif
\if :{?known_at} \else \set known_at infinity \endif
\if :{?signup_event} \else \set signup_event '' \endif
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
    r.from_day,
    r.to_day,
    r.as_of_day,
    (evtui_period_starts('day', r.from_day, r.from_day, r.tz))[1]   as from_at,
    (evtui_period_starts('day', r.to_day, r.to_day, r.tz))[2]       as to_end_at,
    (evtui_period_starts('day', r.as_of_day, r.as_of_day, r.tz))[2] as cut_at
  from resolved r
),

signup_times as (
  -- a user's signup time is their earliest signup event (under the cuts): the
  -- first of their entries in the (event_name, user_id, event_time) index, so
  -- the signups are read in index order and each user's first kept (no sort,
  -- no hash of users), and the cohort below comes in the order it is probed in.
  select distinct on (e.user_id) e.user_id, e.event_time as signup_at
  from params p
  join events e on e.event_name = p.signup_event and e.event_time < p.cut_at
  where (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
  order by e.user_id, e.event_time
),

cohort as (
  -- next_day_at is the first instant of the day after the signup day
  select
    s.user_id,
    d.starts[(s.signup_at at time zone p.tz)::date - p.from_day + 2] as next_day_at
  from signup_times s
  cross join params p
  -- the first instant of each day from from to to + 1 (evtui_period_starts:
  -- local midnight, or the first of two where DST repeats the hour after it)
  cross join lateral (select evtui_period_starts('day', p.from_day, p.to_day, p.tz) as starts) d
  where (s.signup_at at time zone p.tz)::date between p.from_day and p.to_day
  -- in index order, so consecutive probes below read neighbouring index pages
  order by s.user_id
),

retained as (
  select c.user_id
  from cohort c cross join params p
  where exists (
    select 1 from events e
    where e.user_id = c.user_id
      and e.event_time >= c.next_day_at
      and e.event_time < p.cut_at
      and e.event_name <> p.signup_event
      and (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
  )
),

final as (
  select
    count(*)                                          as cohort_users,
    count(r.user_id)                                  as retained_users,
    count(r.user_id)::numeric / nullif(count(*), 0)   as retention_rate
  from cohort c
  left join retained r on r.user_id = c.user_id
)

select cohort_users, retained_users, retention_rate from final;
