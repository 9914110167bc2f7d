-- day1_retention: one row per signup day in [from, to], zero days included;
-- retained = cohort users with an activity event on signup day + 1;
-- complete = signup day + 1 is not after as_of.
with seen as (
  select user_id, event_name, (event_time at time zone $tz)::date as day
  from events
  where ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
),
cohort as (
  select user_id, min(day) as signup_day
  from seen
  where event_name = $signup_event
  group by user_id
  having min(day) between $from::date and $to::date
),
active_days as (
  select distinct user_id, day from seen where event_name <> $signup_event
),
per_day as (
  select c.signup_day as day, count(*) as cohort_users, count(a.user_id) as retained_users
  from cohort c left join active_days a on a.user_id = c.user_id and a.day = c.signup_day + 1
  group by 1
),
days as (
  select unnest(generate_series($from::date, $to::date, interval 1 day))::date as day
),
final as (
  select strftime(d.day, '%Y-%m-%d') as day,
         coalesce(p.cohort_users, 0) as cohort_users,
         coalesce(p.retained_users, 0) as retained_users,
         case when p.cohort_users > 0 then p.retained_users::double / p.cohort_users end as retention_rate,
         d.day + 1 <= $as_of::date as complete
  from days d left join per_day p using (day)
  order by d.day
)
select * from final
