-- dau, segmented: one row per group and day in [from, to], zero days
-- included; active_users = distinct users with a counted event that day (day
-- in tz), counting only events seen by as_of and known_at.
days as (
  select unnest(generate_series($from::date, $to::date, interval 1 day))::date as day
),
counts as (
  select g.segment, e.day, count(distinct e.user_id) as active_users
  from seen e join user_group g using (user_id)
  where e.counted and e.day between $from::date and $to::date
  group by g.segment, e.day
),
final as (
  select g.segment, strftime(d.day, '%Y-%m-%d') as day, coalesce(c.active_users, 0) as active_users
  from groups g cross join days d
  left join counts c on c.segment is not distinct from g.segment and c.day = d.day
  order by g.segment nulls last, d.day
)
select * from final
