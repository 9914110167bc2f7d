-- metric: user_timeline
-- title: One user's events
-- summary: Every event of one user up to as_of, oldest first, with its properties (the drill-down under churn_users).
-- grain: one row per event of user_id on or before as_of, ordered by event_time
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: infinity, no cut)
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
\if :{?known_at} \else \set known_at infinity \endif
\if :{?user_id} \else \set user_id '' \endif
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
    :'user_id'::text                                                             as user_id,
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
    r.user_id,
    r.from_day,
    r.to_day,
    r.as_of_day,
    (evtui_period_starts('day', r.from_day, r.from_day, r.tz))[1]   as from_at,
    (evtui_period_starts('day', r.to_day, r.to_day, r.tz))[2]       as to_end_at,
    (evtui_period_starts('day', r.as_of_day, r.as_of_day, r.tz))[2] as cut_at
  from resolved r
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
  where (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
)

select event_time, day, event_name, properties, event_id, ingested_at
from final
order by event_time, event_id;
