-- metric: lifecycle
-- title: Lifecycle
-- summary: In each day, week or month from from to to, the users who are new, returning, resurrecting and going dormant.
-- grain: one row per (period, status) from the period holding from to the one holding to, four statuses in order, zero rows included
-- params: the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment) and
--   granularity   text         period: day, week (starting Monday) or month (default: day)
-- columns:
--   period  date  first day of the period (a Monday for week, the 1st for month)
--   status  text  new, returning, resurrecting, dormant, in this order
--   users   int   users in that status in the period (a count, positive for dormant too)
-- definition:
--   A user is active in a period when they have an event (any name, signup
--   included) whose day, in tz, is in it, up to the end of as_of; their first
--   period is the one holding their earliest such event. In each period: new
--   (active, their first period), returning (active, and active in the previous
--   period), resurrecting (active, not in the previous period, not new), dormant
--   (active in the previous period, not in this one). Periods starting after
--   as_of are left out.
-- run: psql -v from=2025-01-01 -v to=2025-03-31 -v granularity=week -v tz=UTC -f sql/analytics/lifecycle.sql
\ir defaults.psql

with params as not materialized (
  select r.*, g.granularity, ('1 ' || g.granularity)::interval as period_length,
         date_trunc(g.granularity, r.from_day::timestamp)::date as first_period,
         date_trunc(g.granularity, r.to_day::timestamp)::date   as last_period
  from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by') r,
       (select coalesce(nullif(:'granularity', ''), 'day') as granularity) g
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

report_period as (
  -- the periods from the one holding from to the one holding to, none starting after as_of
  select s::date as period from params p, generate_series(p.first_period, p.last_period, p.period_length) s
  where s::date <= p.as_of_day
),

active_period as (
  -- each user's periods with a counted event, from the one before the first reported period, with their group
  -- (grouped rather than distinct: the planner then sorts each user's events, already in user order, by period)
  select e.user_id, date_trunc(p.granularity, (e.event_time at time zone p.tz)::date::timestamp)::date as period,
         case when p.grouped then s.segment end as segment
  from params p cross join events e
  left join (select distinct on (user_id) * from user_group) s on s.user_id = e.user_id
  where e.event_time >= evtui_day_start((p.first_period - p.period_length)::date, p.tz)
    and e.event_time < least(evtui_day_start((p.last_period + p.period_length)::date, p.tz), p.cut_at)
    and e.ingested_at <= p.known_at and evtui_has_properties(e.properties, p.where_props)
    and (p.segment_props is null or s.user_id is not null)
  group by 1, 2, 3
),

seen_before as (
  -- users with a counted event before the periods read: their first period is earlier
  select distinct e.user_id
  from params p cross join events e
  where e.event_time < least(evtui_day_start((p.first_period - p.period_length)::date, p.tz), p.cut_at)
    and e.ingested_at <= p.known_at and evtui_has_properties(e.properties, p.where_props)
),

user_period as (
  -- each active period of a user, whether it is their first period, and their previous and next active periods
  select a.*,
         lag(a.period) over w is null and b.user_id is null as is_first_period,
         lag(a.period) over w  as previous_period,
         lead(a.period) over w as next_period
  from active_period a
  left join seen_before b using (user_id)
  window w as (partition by a.user_id order by a.period)
),

user_status as (
  -- active periods as new, returning or resurrecting; the period after one without activity as dormant
  select u.segment, u.period,
         case when u.is_first_period then 'new'
              when u.previous_period = (u.period - p.period_length)::date then 'returning'
              else 'resurrecting' end as status
  from user_period u, params p
  union all
  select u.segment, (u.period + p.period_length)::date, 'dormant'
  from user_period u, params p
  where u.next_period is distinct from (u.period + p.period_length)::date
),

counts as (
  select segment, period, status, count(*) as users from user_status group by segment, period, status
)

-- the four statuses of every reported period for every group, zero rows included
select g.segment, r.period, s.status, coalesce(c.users, 0) as users
from (select distinct segment from user_group) g
cross join report_period r
cross join (values (1, 'new'), (2, 'returning'), (3, 'resurrecting'), (4, 'dormant')) as s(ord, status)
left join counts c on c.segment is not distinct from g.segment and c.period = r.period and c.status = s.status
order by g.segment collate "C" nulls last, r.period, s.ord;
