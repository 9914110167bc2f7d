-- metric: dau
-- title: Daily active users
-- summary: Distinct users with any event, for each day in [from, to]; days without events show 0.
-- grain: one row per calendar day in [from, to] (days in tz), zero days included
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment)
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
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

days as not materialized (
  -- each day of [from, to] with its first instant and the next day's, in order
  select d::date as day, evtui_day_start(d::date, p.tz) as start_at, evtui_day_start(d::date + 1, p.tz) as end_at
  from params p, generate_series(p.from_day, p.to_day, interval '1 day') d
  order by day
),

active as (
  -- distinct users with an event in the day, by group, up to the end of as_of and known at known_at
  select d.day, case when p.grouped then s.segment end as segment, count(distinct e.user_id) as active_users
  from days d
  join events e on e.event_time >= d.start_at and e.event_time < d.end_at
  cross join params p
  left join (select distinct on (user_id) * from user_group) s on s.user_id = e.user_id
  where e.event_time < p.cut_at and e.ingested_at <= p.known_at
    and evtui_has_properties(e.properties, p.where_props)
    and (p.segment_props is null or s.user_id is not null)
  group by 1, 2
)

-- every day of [from, to] for every group, zero days included
select g.segment, d.day, coalesce(a.active_users, 0) as active_users
from (select distinct segment from user_group) g
cross join days d
left join active a on a.segment is not distinct from g.segment and a.day = d.day
order by g.segment collate "C" nulls last, d.day;
