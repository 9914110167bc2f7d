-- signups: one row per day in [from, to], zero days included; users whose
-- signup day (day of their earliest signup event seen) is that day.
with signup as (
  select user_id, min(event_time) as signup_time
  from events
  where event_name = $signup_event
    and ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
  group by user_id
),
counts as (
  select (signup_time at time zone $tz)::date as day, count(*) as signups
  from signup
  group by 1
),
days as (
  select unnest(generate_series($from::date, $to::date, interval 1 day))::date as day
),
final as (
  select strftime(d.day, '%Y-%m-%d') as day, coalesce(c.signups, 0) as signups
  from days d left join counts c using (day)
  order by d.day
)
select * from final
