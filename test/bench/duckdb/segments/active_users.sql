-- active_users, segmented: one row per group and day in [from, to], zero
-- days included; dau, wau, mau = distinct users with a counted event on that
-- day, in the 7 days, in the 30 days ending it; dau_mau = dau / mau.
user_day as (
  select distinct g.segment, e.user_id, e.day
  from seen e join user_group g using (user_id)
  where e.counted and e.day between $from::date - 29 and $to::date
),
days as (
  select unnest(generate_series($from::date, $to::date, interval 1 day))::date as day
),
rolling as (
  select u.segment, d.day,
         count(distinct u.user_id) filter (where u.day = d.day) as dau,
         count(distinct u.user_id) filter (where u.day > d.day - 7) as wau,
         count(distinct u.user_id) as mau
  from days d join user_day u on u.day between d.day - 29 and d.day
  group by u.segment, d.day
),
final as (
  select g.segment, strftime(d.day, '%Y-%m-%d') as day, coalesce(r.dau, 0) as dau, coalesce(r.wau, 0) as wau,
         coalesce(r.mau, 0) as mau, r.dau::double / nullif(r.mau, 0) as dau_mau
  from groups g cross join days d
  left join rolling r on r.segment is not distinct from g.segment and r.day = d.day
  order by g.segment nulls last, d.day
)
select * from final
