-- metric: active_users
-- title: Rolling active users
-- summary: For each day in [from, to], distinct users with an event that day (dau), in the 7 days (wau) and in the 30 days (mau) ending it.
-- grain: one row per calendar day in [from, to] (days in tz), zero days included
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment)
-- columns:
--   day      date  the calendar day in tz
--   dau      int   distinct users with an event (any name) that day
--   wau      int   distinct users with an event in the 7 days ending that day
--   mau      int   distinct users with an event in the 30 days ending that day
--   dau_mau  rate  dau / mau (null when mau is 0)
-- definition:
--   An event's day is the calendar date of event_time in tz; every event counts,
--   signup included. The rolling windows reach before from: wau on from counts the
--   6 days before it too, mau the 29 days before. Nothing after the end of as_of is
--   seen, so a day after as_of has dau 0 while its windows still hold earlier days.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -f sql/analytics/active_users.sql
\ir defaults.psql

with params as not materialized (
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

user_day as (
  -- each user's days with an event, from 29 days before from to to, seen, with their group
  -- (grouped rather than distinct: the planner then sorts each user's events, already in user order, by day)
  select e.user_id, (e.event_time at time zone p.tz)::date as day, case when p.grouped then s.segment end as segment
  from params p cross join events e
  left join (select distinct on (user_id) * from user_group) s on s.user_id = e.user_id
  where e.event_time >= evtui_day_start(p.from_day - 29, p.tz) and e.event_time < least(p.to_end_at, p.cut_at)
    and e.ingested_at <= p.known_at and evtui_has_properties(e.properties, p.where_props)
    and (p.segment_props is null or s.user_id is not null)
  group by 1, 2, 3
),

report_day as (
  select d::date as day from params p, generate_series(p.from_day, p.to_day, interval '1 day') d
),

rolling as (
  -- each day's users in the 30 days ending it, and of them those in the last 7 and the last 1:
  -- a user counts on each day from one of their active days until their next one, 30 at most,
  -- with that active day as their latest
  select r.day::date as day, u.segment,
         count(*) filter (where u.day = r.day::date)     as dau,
         count(*) filter (where u.day > r.day::date - 7) as wau,
         count(*)                                        as mau
  from (select *, lead(day) over (partition by user_id order by day) as next_day from user_day) u
  cross join params p
  cross join lateral generate_series(greatest(u.day, p.from_day), least(u.next_day - 1, u.day + 29, p.to_day), interval '1 day') r(day)
  group by 1, 2
)

-- every day of [from, to] for every group, zero days included
select g.segment, r.day, coalesce(a.dau, 0) as dau, coalesce(a.wau, 0) as wau, coalesce(a.mau, 0) as mau,
       a.dau::numeric / nullif(a.mau, 0) as dau_mau
from (select distinct segment from user_group) g
cross join report_day r
left join rolling a on a.segment is not distinct from g.segment and a.day = r.day
order by g.segment collate "C" nulls last, r.day;
