-- metric: funnel_activity
-- title: Activation funnel
-- summary: Users who signed up in [from, to], and those with an activity event within window_days x 24 hours after signup.
-- grain: two rows: step 1 signed_up, step 2 activated
-- params: the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment) and
--   window_days   int          activation window after signup time, in 24-hour days (default: 7)
-- columns:
--   step                       int      1 or 2
--   name                       text     signed_up, activated
--   users                      int      users who reached the step
--   conversion_rate            rate     users / users of the previous step (step 1: 1, or null when no one signed up)
--   median_seconds_to_convert  seconds  step 2: median seconds from signup time to the first qualifying activity (null in step 1)
--   open_windows               int      step 2: signed-up users not converted whose window ends after as_of (they may still convert)
-- definition:
--   Signup time is a user's earliest signup_event event; step 1 holds the users whose
--   signup day (in tz) is in [from, to]. Step 2 holds those with an activity event
--   (any event not named signup_event) strictly after their signup time and at most
--   window_days x 24 hours after it (an event exactly at the boundary counts), seen
--   before the end of as_of. The median is percentile_cont(0.5): for an even count,
--   the mean of the two middle values. open_windows counts the step-1 users who have
--   not converted and whose window end is at or after the end of as_of: the data
--   cannot yet say whether they drop off, so do not read them as drop-off.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v window_days=7 -v tz=UTC -f sql/analytics/funnel_activity.sql
\ir defaults.psql

with params as not materialized (
  select *, coalesce(nullif(:'window_days', '')::int, 7) as window_days
  from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

signed_up as (
  -- step 1: users whose signup day (of their earliest signup event seen) is in [from, to], with their group
  select case when p.grouped then s.segment end as segment, c.user_id, c.signup_time, c.signup_time + p.window_days * interval '24 hours' as window_end
  from evtui_cohort(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event') c
  cross join params p
  left join (select distinct on (user_id) * from user_group) s on s.user_id = c.user_id
  where (p.segment_props is null or s.user_id is not null)
),

first_activity as (
  -- each signed-up user's first activity event after signup, within the window, seen
  select u.user_id, min(e.event_time) as activity_time
  from signed_up u
  join events e on e.user_id = u.user_id
  cross join params p
  where e.event_name <> p.signup_event
    and e.event_time > u.signup_time and e.event_time <= u.window_end
    and e.event_time < p.cut_at and e.ingested_at <= p.known_at
    and evtui_has_properties(e.properties, p.where_props)
  group by u.user_id
),

per_group as (
  -- activated: converted within the window; open: not converted, and the window
  -- ends after as_of, so the data cannot yet say whether they will
  select u.segment, count(*) as signed_up, count(a.user_id) as activated,
         percentile_cont(0.5) within group (order by extract(epoch from a.activity_time - u.signup_time)) as median_seconds,
         count(*) filter (where a.user_id is null and u.window_end >= p.cut_at) as open_windows
  from signed_up u
  cross join params p
  left join first_activity a using (user_id)
  group by u.segment
)

-- the two steps for every group, an empty one included
select g.segment, f.*
from (select distinct segment from user_group) g
left join per_group t on t.segment is not distinct from g.segment
cross join lateral evtui_signup_funnel('activated', t.signed_up, t.activated, t.median_seconds, t.open_windows) f
order by g.segment collate "C" nulls last, f.step;
