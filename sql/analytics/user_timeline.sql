-- metric: user_timeline
-- title: One user's events
-- summary: Every event of one user up to as_of, oldest first, with its properties (the drill-down under churn_users).
-- grain: one row per event of user_id on or before as_of, ordered by event_time
-- params: the shared ones (from, to, as_of, tz, known_at, signup_event; see docs/metrics.md) and
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
\ir defaults.psql

with params as not materialized (
  select *, :'user_id'::text as user_id
  from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event')
)

select
  e.event_time,
  (e.event_time at time zone p.tz)::date as day,
  e.event_name,
  e.properties,
  e.event_id::text                       as event_id,
  e.ingested_at
from events e, params p
where e.user_id = p.user_id and e.event_time < p.cut_at and e.ingested_at <= p.known_at
order by e.event_time, e.event_id;
