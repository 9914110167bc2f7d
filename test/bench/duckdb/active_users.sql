-- active_users: one row per day in [from, to], zero days included; dau, wau,
-- mau = distinct users with any event on that day, in the 7 days, in the 30
-- days ending it (the windows reach before from); dau_mau = dau / mau (null
-- when mau is 0). Only events seen by as_of and known_at count.
with seen as (
  select user_id, (event_time at time zone $tz)::date as day
  from events
  where ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
),
user_day as (
  select distinct user_id, day from seen
  where day between $from::date - 29 and $to::date
),
days as (
  select unnest(generate_series($from::date, $to::date, interval 1 day))::date as day
),
rolling as (
  select d.day,
         count(distinct u.user_id) filter (where u.day = d.day) as dau,
         count(distinct u.user_id) filter (where u.day > d.day - 7) as wau,
         count(distinct u.user_id) as mau
  from days d join user_day u on u.day between d.day - 29 and d.day
  group by d.day
),
final as (
  select strftime(d.day, '%Y-%m-%d') as day, coalesce(r.dau, 0) as dau, coalesce(r.wau, 0) as wau,
         coalesce(r.mau, 0) as mau, r.dau::double / nullif(r.mau, 0) as dau_mau
  from days d left join rolling r using (day)
  order by d.day
)
select * from final
