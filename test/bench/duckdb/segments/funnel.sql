-- funnel, segmented: one row per group and step, as test/bench/duckdb/funnel.sql
-- over the counted events (the events of every step and the exclude events
-- hold --where) of the users in the segment.
params as (
  select from_json($steps::json, '["VARCHAR"]') as steps,
         coalesce(from_json(nullif($exclude, '')::json, '["VARCHAR"]'), []) as exclude,
         to_hours(24 * $window_days::bigint) as window_length
),
step as (
  select unnest(range(1, len(steps) + 1)) as step, unnest(steps) as name from params
),
step_event as (
  -- the counted events named as a step or an exclusion, of the users in the segment
  select e.user_id, g.segment, e.event_id, e.event_name, e.event_time, e.day
  from seen e
  join user_group g using (user_id)
  cross join params p
  where e.counted
    and (list_contains(p.steps, e.event_name) or list_contains(p.exclude, e.event_name))
),
entry as (
  select e.user_id, e.segment, e.event_id, e.event_time
  from step_event e, params p
  where e.event_name = p.steps[1] and e.day between $from::date and $to::date
),
walk as (
  -- from each entry, step k reached at reached[k] by the event used[k]
  select user_id, segment, event_id as entry_id, event_time as entry_time, 1 as k, [event_id] as used, [event_time] as reached
  from entry
  union all
  select w.user_id, w.segment, w.entry_id, w.entry_time, w.k + 1, list_append(w.used, e.event_id), list_append(w.reached, e.event_time)
  from walk w
  cross join params p
  join step_event e on e.user_id = w.user_id
  where w.k < len(p.steps)
    and e.event_name = p.steps[w.k + 1]
    and e.event_time >= w.reached[w.k]
    and e.event_time <= w.entry_time + p.window_length
    and not list_contains(w.used, e.event_id)
  qualify row_number() over (partition by w.entry_id order by e.event_time, e.event_id) = 1
),
entry_reach as (
  -- each entry with the furthest step it reached
  select user_id, segment, entry_id, entry_time, reached
  from walk
  qualify row_number() over (partition by entry_id order by k desc) = 1
),
kept as (
  -- entries with no exclude event after the entry and before their last step
  select r.*
  from entry_reach r
  where not exists (
    select 1 from step_event x, params p
    where x.user_id = r.user_id and list_contains(p.exclude, x.event_name)
      and x.event_time > r.entry_time and x.event_time < r.reached[len(r.reached)]
  )
),
counted as (
  select user_id, segment, reached from kept
  qualify row_number() over (partition by user_id order by len(reached) desc, entry_time, entry_id) = 1
),
reached_step as (
  select c.segment, s.step,
         case when s.step > 1 then (epoch_us(c.reached[s.step]) - epoch_us(c.reached[s.step - 1])) / 1e6 end as seconds
  from counted c join step s on s.step <= len(c.reached)
),
per_step as (
  select segment, step, count(*) as users, quantile_cont(seconds, 0.5) as median_seconds, avg(seconds) as avg_seconds
  from reached_step group by segment, step
),
final as (
  select g.segment, s.step, s.name, coalesce(r.users, 0) as users,
         coalesce(r.users, 0)::double / nullif(lag(coalesce(r.users, 0), 1, r.users) over w, 0) as conversion_rate,
         coalesce(r.users, 0)::double / nullif(first_value(r.users) over w, 0) as overall_rate,
         r.median_seconds as median_seconds_to_convert, r.avg_seconds as avg_seconds_to_convert
  from groups g cross join step s
  left join per_step r on r.segment is not distinct from g.segment and r.step = s.step
  window w as (partition by g.segment order by s.step)
  order by g.segment nulls last, s.step
)
select * from final
