-- metric: signups
-- title: Signups per day
-- summary: Users whose signup day (the day of their earliest signup event) is each day in [from, to]; zero days show 0.
-- grain: one row per calendar day in [from, to] (days in tz), zero days included
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: no cut)
--   signup_event  text         the event name that marks a signup (default: signup)
-- columns:
--   day      date  the calendar day in tz
--   signups  int   users whose signup day is this day
-- definition:
--   A user's signup time is their earliest signup_event event seen under the as_of
--   and known_at cuts; their signup day is its calendar date in tz. A second signup
--   event never counts again. Users without a signup event are not counted.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -v signup_event=signup -f sql/analytics/signups.sql
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

signup_days as (
  select (s.signup_at at time zone p.tz)::date as day, count(*) as signups
  from signup_times s cross join params p
  group by 1
),

days as (
  select d::date as day
  from params p, generate_series(p.from_day, p.to_day, interval '1 day') as d
),

final as (
  select d.day, coalesce(s.signups, 0) as signups
  from days d
  left join signup_days s on s.day = d.day
)

select day, signups from final order by day;
