-- metric: funnel_day1
-- title: Day-1 funnel
-- summary: Users who signed up in [from, to], and those with an activity event on the day after their signup day.
-- grain: two rows: step 1 signed_up, step 2 active_day1
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment)
-- columns:
--   step                       int      1 or 2
--   name                       text     signed_up, active_day1
--   users                      int      users who reached the step
--   conversion_rate            rate     users / users of the previous step (step 1: 1, or null when no one signed up)
--   median_seconds_to_convert  seconds  step 2: median seconds from signup time to the first activity on day + 1 (null in step 1)
--   open_windows               int      step 2: signed-up users not converted whose day + 1 is after as_of (they may still convert)
-- definition:
--   As funnel_activity, but a user converts with an activity event (any event not
--   named signup_event) on the calendar day, in tz, after their signup day, seen
--   before the end of as_of. window_days does not apply. The median is
--   percentile_cont(0.5). open_windows counts the unconverted step-1 users whose
--   signup day + 1 is after as_of.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -f sql/analytics/funnel_day1.sql
\ir defaults.psql

with params as not materialized (
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

signed_up as (
  -- step 1: users whose signup day (of their earliest signup event seen) is in [from, to],
  -- with their group, the day after their signup day and its first and last instants
  select case when p.grouped then s.segment end as segment, c.user_id, c.signup_time, c.signup_day + 1 as next_day,
         evtui_day_start(c.signup_day + 1, p.tz) as next_day_start, evtui_day_start(c.signup_day + 2, p.tz) as next_day_end
  from evtui_cohort(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event') c
  cross join params p
  left join (select distinct on (user_id) * from user_group) s on s.user_id = c.user_id
  where (p.segment_props is null or s.user_id is not null)
),

converted as (
  -- each signed-up user's first activity event on the day after their signup day, seen
  select u.user_id, min(e.event_time) as activity_time
  from signed_up u
  join events e on e.user_id = u.user_id and e.event_time >= u.next_day_start and e.event_time < u.next_day_end
  cross join params p
  where e.event_name <> p.signup_event and e.event_time < p.cut_at
    and e.ingested_at <= p.known_at and evtui_has_properties(e.properties, p.where_props)
  group by u.user_id
),

signed_up_outcome as (
  -- each signed-up user's seconds to convert, or whether the day after signup
  -- is still open (after as_of, so the data cannot yet say)
  select u.segment, extract(epoch from c.activity_time - u.signup_time) as seconds_to_convert,
         c.user_id is null and u.next_day > p.as_of_day as still_open
  from signed_up u
  cross join params p
  left join converted c using (user_id)
),

per_group as (
  select segment, count(*) as signed_up, count(seconds_to_convert) as active_day1,
         percentile_cont(0.5) within group (order by seconds_to_convert) as median_seconds,
         count(*) filter (where still_open) as open_windows
  from signed_up_outcome
  group by segment
)

-- the two steps for every group, an empty one included
select g.segment, f.*
from (select distinct segment from user_group) g
left join per_group t on t.segment is not distinct from g.segment
cross join lateral evtui_signup_funnel('active_day1', t.signed_up, t.active_day1, t.median_seconds, t.open_windows) f
order by g.segment collate "C" nulls last, f.step;
