-- metric: events_by_name
-- title: Events by name
-- summary: For each event name, the events and distinct users in [from, to].
-- grain: one row per event name seen in [from, to], most frequent first
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment)
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
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

in_window as (
  -- events whose day is in [from, to], up to the end of as_of and known at known_at, with their user's group
  select case when p.grouped then s.segment end as segment, e.event_name, e.user_id
  from params p cross join events e
  left join (select distinct on (user_id) * from user_group) s on s.user_id = e.user_id
  where e.event_time >= p.from_at and e.event_time < least(p.to_end_at, p.cut_at)
    and e.ingested_at <= p.known_at and evtui_has_properties(e.properties, p.where_props)
    and (p.segment_props is null or s.user_id is not null)
)

-- a group has a row for each event name its users have in the window
select segment, event_name, count(*) as events, count(distinct user_id) as users
from in_window
group by event_name, segment
order by segment collate "C" nulls last, events desc, event_name;
