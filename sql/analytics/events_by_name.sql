-- metric: events_by_name
-- title: Events by name
-- summary: For each event name, the events and distinct users in [from, to].
-- grain: one row per event name seen in [from, to], most frequent first
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: no cut)
-- columns:
--   event_name  text  the event name
--   events      int   events with that name whose day (in tz) is in [from, to], up to as_of
--   users       int   distinct users with such an event
-- definition:
--   Counts every event whose day, in tz, is in [from, to] and not after as_of,
--   grouped by event_name. Ordered by events descending, then event_name.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -f sql/analytics/events_by_name.sql
\if :{?tz} \else \set tz '' \endif
\if :{?known_at} \else \set known_at '' \endif
\if :{?from} \else \set from '' \endif
\if :{?to} \else \set to '' \endif
\if :{?as_of} \else \set as_of '' \endif

with input as (
  -- '' means "not given": the defaults of the header apply
  select
    coalesce(nullif(:'tz'::text, ''), 'UTC')              as tz,
    nullif(:'known_at'::text, '')::timestamptz            as known_at,
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
    coalesce(w.from_given, w.to_day - 29) as from_day,
    w.to_day,
    coalesce(w.as_of_given, w.to_day)     as as_of_day,
    coalesce(w.from_given, w.to_day - 29)::timestamp at time zone w.tz   as from_at,
    (w.to_day + 1)::timestamp at time zone w.tz                          as to_end_at,
    (coalesce(w.as_of_given, w.to_day) + 1)::timestamp at time zone w.tz as cut_at
  from window_end w
),

window_events as (
  select e.event_name, e.user_id
  from params p
  join events e
    on e.event_time >= p.from_at
   and e.event_time < least(p.to_end_at, p.cut_at)
  where p.known_at is null or e.ingested_at <= p.known_at
),

final as (
  select event_name, count(*) as events, count(distinct user_id) as users
  from window_events
  group by event_name
)

select event_name, events, users from final order by events desc, event_name;
