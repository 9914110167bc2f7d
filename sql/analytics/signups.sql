-- metric: signups
-- title: Signups per day
-- summary: Users whose signup day (the day of their earliest signup event) is each day in [from, to]; zero days show 0.
-- grain: one row per calendar day in [from, to] (days in tz), zero days included
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment)
-- columns:
--   day      date  the calendar day in tz
--   signups  int   users whose signup day is this day
-- definition:
--   A user's signup time is their earliest signup_event event seen under the as_of
--   and known_at cuts; their signup day is its calendar date in tz. A second signup
--   event never counts again. Users without a signup event are not counted.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -v signup_event=signup -f sql/analytics/signups.sql
\ir defaults.psql

with params as not materialized (
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

signups_per_day as (
  -- users whose signup day (of their earliest signup event seen) is that day of [from, to], by group
  select case when p.grouped then s.segment end as segment, c.signup_day as day, count(*) as signups
  from evtui_cohort(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event') c
  cross join params p
  left join (select distinct on (user_id) * from user_group) s on s.user_id = c.user_id
  where (p.segment_props is null or s.user_id is not null)
  group by 1, 2
)

-- every day of [from, to] for every group, zero days included
select g.segment, d.day::date as day, coalesce(s.signups, 0) as signups
from params p
cross join (select distinct segment from user_group) g
cross join generate_series(p.from_day, p.to_day, interval '1 day') as d(day)
left join signups_per_day s on s.segment is not distinct from g.segment and s.day = d.day::date
order by g.segment collate "C" nulls last, 2;
