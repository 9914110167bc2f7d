-- signups, segmented: one row per group and day in [from, to], zero days
-- included; users whose signup day is that day. --where does not apply.
signup as (
  -- each user's earliest signup event seen, whether or not it holds --where
  select user_id, min(event_time) as signup_time
  from seen
  where event_name = $signup_event
  group by user_id
),
counts as (
  select g.segment, (s.signup_time at time zone $tz)::date as day, count(*) as signups
  from signup s join user_group g using (user_id)
  group by all
),
days as (
  select unnest(generate_series($from::date, $to::date, interval 1 day))::date as day
),
final as (
  select g.segment, strftime(d.day, '%Y-%m-%d') as day, coalesce(c.signups, 0) as signups
  from groups g cross join days d
  left join counts c on c.segment is not distinct from g.segment and c.day = d.day
  order by g.segment nulls last, d.day
)
select * from final
