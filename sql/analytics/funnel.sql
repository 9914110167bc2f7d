-- metric: funnel
-- title: Funnel over named steps
-- summary: Users who did step 1 in [from, to] and then each next step, in order, within window_days x 24 hours.
-- grain: one row per step, in the order of steps
-- params: the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment) and
--   steps         names        2 to 10 event names in order: a JSON array text, or names separated by commas (required)
--   exclude       names        event names that drop an entry, as steps; '' for none (default: none)
--   window_days   int          from the entry, in 24-hour days (default: 7)
-- columns:
--   step                       int      1, 2, ... in the order of steps
--   name                       text     the step's event name
--   users                      int      users whose counted entry reached the step
--   conversion_rate            rate     users / users of the previous step (step 1: 1, or null when no one entered)
--   overall_rate               rate     users / users of step 1
--   median_seconds_to_convert  seconds  from reaching step k-1 to reaching step k (null for step 1)
--   avg_seconds_to_convert     seconds  the same, averaged
-- definition:
--   A user enters at a step-1 event whose day (in tz) is in [from, to]. From that entry,
--   step k is reached by the earliest step-k event (not one already used for an earlier
--   step) at or after the instant step k-1 was reached and at most window_days x 24 hours
--   after the entry (the boundary instant counts), not after as_of. Each user counts once,
--   with the entry that reaches furthest (the earliest such entry on ties). An event named
--   in exclude after the entry and before the last step it reached drops the entry. The
--   walk from each entry is evtui_funnel_walk (sql/schema/006_analyses.sql). An unknown
--   step name is allowed: no one reaches it. signup_event may be a step like any other.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v steps=signup,project_created -v window_days=14 -f sql/analytics/funnel.sql
\ir defaults.psql

with params as not materialized (
  select *,
         coalesce(nullif(:'window_days', '')::int, 7) * interval '24 hours' as window_length,
         evtui_event_names(:'steps', 'steps', 2, 10)                         as steps,
         evtui_event_names(:'exclude', 'exclude', 0, 100)                    as exclude
  from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

step as (
  select s.step::int as step, s.name from params p, unnest(p.steps) with ordinality as s(name, step)
),

user_events as (
  -- each user's events named as a step or an exclusion, seen, from from to the end
  -- of the last window, in the order the walk reads them, with the user's group
  select e.user_id, case when p.grouped then s.segment end as segment,
         array_agg(e.event_name order by e.event_time, e.event_name) as names,
         array_agg(e.event_time order by e.event_time, e.event_name) as times
  from params p cross join events e
  left join (select distinct on (user_id) * from user_group) s on s.user_id = e.user_id
  where e.event_name = any(p.steps || p.exclude)
    and e.event_time >= p.from_at and e.event_time < least(p.cut_at, p.to_end_at + p.window_length)
    and e.ingested_at <= p.known_at and evtui_has_properties(e.properties, p.where_props)
    and (p.segment_props is null or s.user_id is not null)
  group by 1, 2
),

furthest_entry as materialized (
  -- the instants at which each user's counted entry reached steps 1, 2, ... (materialized:
  -- the walk runs once per user, not once for each step that reads it)
  select u.segment, u.user_id, evtui_funnel_walk(p.steps, p.exclude, p.window_length, p.from_at, p.to_end_at, u.names, u.times) as reached
  from user_events u, params p
),

reached_step as (
  select f.segment, s.step, extract(epoch from f.reached[s.step] - f.reached[s.step - 1]) as seconds
  from furthest_entry f
  join step s on s.step <= cardinality(f.reached)
),

per_step as (
  select segment, step, count(*) as users,
         percentile_cont(0.5) within group (order by seconds) as median_seconds, avg(seconds) as avg_seconds
  from reached_step
  group by segment, step
)

-- every step for every group; rates from the group's previous step and its step 1
select g.segment, s.step, s.name, coalesce(r.users, 0) as users,
       coalesce(r.users, 0)::numeric / nullif(lag(coalesce(r.users, 0), 1, r.users) over w, 0) as conversion_rate,
       coalesce(r.users, 0)::numeric / nullif(first_value(r.users) over w, 0)               as overall_rate,
       r.median_seconds                                                                       as median_seconds_to_convert,
       r.avg_seconds::double precision                                                        as avg_seconds_to_convert
from (select distinct segment from user_group) g
cross join step s
left join per_step r on r.segment is not distinct from g.segment and r.step = s.step
window w as (partition by g.segment order by s.step)
order by g.segment collate "C" nulls last, s.step;
