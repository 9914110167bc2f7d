-- funnel_day1: step 1 signed_up as funnel_activity; step 2 active_day1 = an
-- activity event on signup day + 1 (in tz); median seconds signup time -> the
-- first such event; open_windows = unconverted users whose signup day + 1 is
-- after as_of.
with seen as (
  select user_id, event_name, event_time, (event_time at time zone $tz)::date as day
  from events
  where ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
),
cohort as (
  select user_id, min(event_time) as signup_time, min(day) as signup_day
  from seen
  where event_name = $signup_event
  group by user_id
  having min(day) between $from::date and $to::date
),
converted as (
  select c.user_id, c.signup_time, min(e.event_time) as first_time
  from cohort c join seen e on e.user_id = c.user_id
  where e.event_name <> $signup_event and e.day = c.signup_day + 1
  group by c.user_id, c.signup_time
),
totals as (
  select
    (select count(*) from cohort) as signed_up,
    (select count(*) from converted) as activated,
    (select quantile_cont((epoch_us(first_time) - epoch_us(signup_time)) / 1000000.0, 0.5) from converted) as median_seconds,
    (select count(*) from cohort c
      where c.user_id not in (select user_id from converted) and c.signup_day + 1 > $as_of::date) as open_windows
),
final as (
  select 1 as step, 'signed_up' as name, signed_up as users,
         case when signed_up > 0 then 1.0 end as conversion_rate,
         null::double as median_seconds_to_convert, null::bigint as open_windows
  from totals
  union all
  select 2, 'active_day1', activated,
         case when signed_up > 0 then activated::double / signed_up end,
         median_seconds, open_windows
  from totals
)
select * from final order by step
