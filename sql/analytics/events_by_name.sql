-- metric: events_by_name
-- title: Events by name
-- summary: For each event name, the events and distinct users in [from, to].
-- grain: one row per event name seen in [from, to], most frequent first
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where; see docs/metrics.md)
-- columns:
--   event_name  text  the event name
--   events      int   events with that name whose day (in tz) is in [from, to], up to as_of
--   users       int   distinct users with such an event
-- definition:
--   Counts every event whose day, in tz, is in [from, to] and not after as_of,
--   grouped by event_name. Ordered by events descending, then event_name.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -f sql/analytics/events_by_name.sql
\ir defaults.psql

with params as not materialized (
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where')
),

in_window as (
  -- events whose day is in [from, to], up to the end of as_of and known at known_at
  select e.event_name, e.user_id
  from events e, params p
  where e.event_time >= p.from_at and e.event_time < least(p.to_end_at, p.cut_at)
    and e.ingested_at <= p.known_at
    and evtui_has_properties(e.properties, p.where_props)
    and (p.segment_props is null or e.user_id in (select user_id from evtui_segment_users(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment')))
)

select event_name, count(*) as events, count(distinct user_id) as users
from in_window
group by event_name
order by events desc, event_name;
