-- metric: dau
-- title: Daily active users
-- summary: Distinct users with any event, for each day in [from, to]; days without events show 0.
-- grain: one row per calendar day in [from, to] (days in tz), zero days included
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where; see docs/metrics.md)
-- columns:
--   day           date  the calendar day in tz
--   active_users  int   distinct users with at least one event (any name) that day
-- definition:
--   An event's day is the calendar date of event_time in tz. A user is active on a
--   day when they have at least one event of any name that day, signup included.
--   Days after as_of show 0: nothing after the end of as_of is seen.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -f sql/analytics/dau.sql
\ir defaults.psql

with params as not materialized (
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where')
),

days as not materialized (
  -- each day of [from, to] with its first instant and the next day's, in order
  select d::date as day, evtui_day_start(d::date, p.tz) as start_at, evtui_day_start(d::date + 1, p.tz) as end_at
  from params p, generate_series(p.from_day, p.to_day, interval '1 day') d
  order by day
),

active as (
  -- distinct users with an event in the day, by group, up to the end of as_of and known at known_at
  select s.segment, d.day, count(distinct e.user_id) as active_users
  from days d
  join events e on e.event_time >= d.start_at and e.event_time < d.end_at
  cross join params p
  left join evtui_user_segment(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by') s on s.user_id = e.user_id
  where e.event_time < p.cut_at and e.ingested_at <= p.known_at
    and evtui_has_properties(e.properties, p.where_props)
    and (p.segment_props is null or s.user_id is not null)
  group by s.segment, d.day
)

-- every day of [from, to] for every group, zero days included
select g.segment, d.day, coalesce(a.active_users, 0) as active_users
from evtui_segment_groups(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by') g
cross join days d
left join active a on a.segment is not distinct from g.segment and a.day = d.day
order by g.segment collate "C" nulls last, d.day;
