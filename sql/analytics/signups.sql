-- metric: signups
-- title: Signups per day
-- summary: Users whose signup day (the day of their earliest signup event) is each day in [from, to]; zero days show 0.
-- grain: one row per calendar day in [from, to] (days in tz), zero days included
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where; see docs/metrics.md)
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
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where')
),

signups_per_day as (
  -- users whose signup day (of their earliest signup event seen) is that day of [from, to], by group
  select segment, signup_day as day, count(*) as signups
  from evtui_cohort(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
  group by segment, signup_day
)

-- every day of [from, to] for every group, zero days included
select g.segment, d.day::date as day, coalesce(s.signups, 0) as signups
from params p
cross join evtui_segment_groups(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by') g
cross join generate_series(p.from_day, p.to_day, interval '1 day') as d(day)
left join signups_per_day s on s.segment is not distinct from g.segment and s.day = d.day::date
order by g.segment collate "C" nulls last, 2;
