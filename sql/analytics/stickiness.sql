-- metric: stickiness
-- title: Stickiness
-- summary: Users with an event in [from, to], by the number of distinct days they were active.
-- grain: one row per k = 1 ... the number of days in [from, to], zero rows included
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment)
-- columns:
--   days_active  int   k: distinct days (in tz) in [from, to] with an event
--   users        int   users active on exactly k such days
--   share        rate  users / all users with an event in [from, to] (null when there are none)
-- definition:
--   An event's day is the calendar date of event_time in tz; every event counts,
--   signup included, up to the end of as_of. A user's days_active is the number of
--   distinct days in [from, to] on which they have an event.
-- run: psql -v from=2025-01-01 -v to=2025-01-07 -v tz=UTC -f sql/analytics/stickiness.sql
\ir defaults.psql

with params as not materialized (
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

user_days_active as (
  -- each user with an event in [from, to], seen, with their group and the distinct days of those events
  select e.user_id, case when p.grouped then s.segment end as segment, count(distinct (e.event_time at time zone p.tz)::date) as days_active
  from params p cross join events e
  left join (select distinct on (user_id) * from user_group) s on s.user_id = e.user_id
  where e.event_time >= p.from_at and e.event_time < least(p.to_end_at, p.cut_at)
    and e.ingested_at <= p.known_at and evtui_has_properties(e.properties, p.where_props)
    and (p.segment_props is null or s.user_id is not null)
  group by 1, 2
),

users_by_days as (
  select segment, days_active, count(*) as users from user_days_active group by segment, days_active
)

-- every k from 1 to the number of days in [from, to] for every group; share of the group's users
select g.segment, k as days_active, coalesce(u.users, 0) as users,
       coalesce(u.users, 0)::numeric / nullif(sum(u.users) over (partition by g.segment), 0) as share
from params p
cross join (select distinct segment from user_group) g
cross join generate_series(1, p.to_day - p.from_day + 1) as k
left join users_by_days u on u.segment is not distinct from g.segment and u.days_active = k
order by g.segment collate "C" nulls last, k;
