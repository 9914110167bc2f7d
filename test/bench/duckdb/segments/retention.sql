-- retention, segmented: one row per group. cohort = users whose signup day
-- is in [from, to]; retained = of them, those with a counted activity event
-- on a later day, up to as_of.
cohort as (
  -- users whose signup day is in [from, to] (signups unfiltered by --where), with their group
  select s.user_id, g.segment, s.signup_day
  from (select user_id, min(day) as signup_day from seen where event_name = $signup_event group by user_id) s
  join user_group g using (user_id)
  where s.signup_day between $from::date and $to::date
),
retained as (
  select distinct c.user_id
  from cohort c join seen e on e.user_id = c.user_id
  where e.event_name <> $signup_event and e.counted and e.day > c.signup_day
),
per_group as (
  select c.segment, count(*) as cohort_users, count(r.user_id) as retained_users
  from cohort c left join retained r using (user_id)
  group by c.segment
),
final as (
  select g.segment, coalesce(t.cohort_users, 0) as cohort_users, coalesce(t.retained_users, 0) as retained_users,
         t.retained_users::double / nullif(t.cohort_users, 0) as retention_rate
  from groups g left join per_group t on t.segment is not distinct from g.segment
  order by g.segment nulls last
)
select * from final
