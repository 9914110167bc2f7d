-- retention: one row. cohort = users whose signup day is in [from, to];
-- retained = of them, those with an activity event on a later day, up to as_of.
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
retained as (
  select distinct c.user_id
  from cohort c join seen e on e.user_id = c.user_id
  where e.event_name <> $signup_event and e.day > c.signup_day
),
final as (
  select (select count(*) from cohort) as cohort_users,
         (select count(*) from retained) as retained_users
)
select cohort_users, retained_users,
       case when cohort_users > 0 then retained_users::double / cohort_users end as retention_rate
from final
