-- metric: retention
-- title: Retention
-- summary: Of the users who signed up in [from, to], the share with an activity event on a later day, up to as_of.
-- grain: one row
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: no cut)
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
\if :{?known_at} \else \set known_at '' \endif
\if :{?signup_event} \else \set signup_event '' \endif
\if :{?from} \else \set from '' \endif
\if :{?to} \else \set to '' \endif
\if :{?as_of} \else \set as_of '' \endif

with input as (
  -- '' means "not given": the defaults of the header apply
  select
    coalesce(nullif(:'tz'::text, ''), 'UTC')              as tz,
    nullif(:'known_at'::text, '')::timestamptz            as known_at,
    coalesce(nullif(:'signup_event'::text, ''), 'signup') as signup_event,
    nullif(:'from'::text, '')::date                       as from_given,
    nullif(:'to'::text, '')::date                         as to_given,
    nullif(:'as_of'::text, '')::date                      as as_of_given
),

window_end as (
  -- to defaults to the day, in tz, of the latest event known at known_at
  select
    i.*,
    coalesce(
      i.to_given,
      (select (max(e.event_time) at time zone i.tz)::date from events e
        where i.known_at is null or e.ingested_at <= i.known_at),
      (coalesce(i.known_at, now()) at time zone i.tz)::date
    ) as to_day
  from input i
),

params as (
  -- cut_at is the first instant after as_of: nothing at or after it is seen
  select
    w.tz,
    w.known_at,
    w.signup_event,
    coalesce(w.from_given, w.to_day - 29) as from_day,
    w.to_day,
    coalesce(w.as_of_given, w.to_day)     as as_of_day,
    coalesce(w.from_given, w.to_day - 29)::timestamp at time zone w.tz   as from_at,
    (w.to_day + 1)::timestamp at time zone w.tz                          as to_end_at,
    (coalesce(w.as_of_given, w.to_day) + 1)::timestamp at time zone w.tz as cut_at
  from window_end w
),

signup_times as (
  -- a user's signup time is their earliest signup event (under the cuts)
  select e.user_id, min(e.event_time) as signup_at
  from params p
  join events e on e.event_name = p.signup_event and e.event_time < p.cut_at
  where p.known_at is null or e.ingested_at <= p.known_at
  group by e.user_id
),

cohort as (
  -- next_day_at is the first instant of the day after the signup day
  select
    s.user_id,
    ((s.signup_at at time zone p.tz)::date + 1)::timestamp at time zone p.tz as next_day_at
  from signup_times s cross join params p
  where (s.signup_at at time zone p.tz)::date between p.from_day and p.to_day
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
      and (p.known_at is null or e.ingested_at <= p.known_at)
  )
),

counts as (
  select
    (select count(*) from cohort)   as cohort_users,
    (select count(*) from retained) as retained_users
),

final as (
  select
    cohort_users,
    retained_users,
    retained_users::numeric / nullif(cohort_users, 0) as retention_rate
  from counts
)

select cohort_users, retained_users, retention_rate from final;
