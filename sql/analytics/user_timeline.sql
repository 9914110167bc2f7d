-- metric: user_timeline
-- title: One user's events
-- summary: Every event of one user up to as_of, oldest first, with its properties (the drill-down under churn_users).
-- grain: one row per event of user_id on or before as_of, ordered by event_time
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: no cut)
--   user_id       text         the user whose events are listed (required)
-- columns:
--   event_time   timestamp  when it happened
--   day          date       its calendar day in tz
--   event_name   text       the event name
--   properties   json       the event's properties
--   event_id     text       the event's id
--   ingested_at  timestamp  when it was loaded
-- definition:
--   The user's events with event_time before the end of as_of (in tz) and, with
--   known_at, ingested at or before known_at. from and to are not used, except that
--   as_of defaults to to.
-- run: psql -v user_id=u1 -v as_of=2025-01-31 -v tz=UTC -f sql/analytics/user_timeline.sql
\if :{?tz} \else \set tz '' \endif
\if :{?known_at} \else \set known_at '' \endif
\if :{?user_id} \else \set user_id '' \endif
\if :{?from} \else \set from '' \endif
\if :{?to} \else \set to '' \endif
\if :{?as_of} \else \set as_of '' \endif

with input as (
  -- '' means "not given": the defaults of the header apply
  select
    coalesce(nullif(:'tz'::text, ''), 'UTC')              as tz,
    nullif(:'known_at'::text, '')::timestamptz            as known_at,
    :'user_id'::text                                      as user_id,
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
    w.user_id,
    coalesce(w.from_given, w.to_day - 29) as from_day,
    w.to_day,
    coalesce(w.as_of_given, w.to_day)     as as_of_day,
    coalesce(w.from_given, w.to_day - 29)::timestamp at time zone w.tz   as from_at,
    (w.to_day + 1)::timestamp at time zone w.tz                          as to_end_at,
    (coalesce(w.as_of_given, w.to_day) + 1)::timestamp at time zone w.tz as cut_at
  from window_end w
),

final as (
  select
    e.event_time,
    (e.event_time at time zone p.tz)::date as day,
    e.event_name,
    e.properties,
    e.event_id::text                       as event_id,
    e.ingested_at
  from params p
  join events e on e.user_id = p.user_id and e.event_time < p.cut_at
  where p.known_at is null or e.ingested_at <= p.known_at
)

select event_time, day, event_name, properties, event_id, ingested_at
from final
order by event_time, event_id;
