-- stickiness: one row per k = 1 ... the number of days in [from, to]; users
-- with an event in [from, to] (seen by as_of and known_at) active on exactly k
-- distinct days of it; share of all such users (null when there are none).
with seen as (
  select user_id, (event_time at time zone $tz)::date as day
  from events
  where ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
),
per_user as (
  select user_id, count(distinct day) as days_active
  from seen
  where day between $from::date and $to::date
  group by user_id
),
counts as (
  select days_active, count(*) as users from per_user group by days_active
),
ks as (
  select unnest(range(1, $to::date - $from::date + 2)) as days_active
),
final as (
  select k.days_active, coalesce(c.users, 0) as users,
         coalesce(c.users, 0)::double / nullif((select count(*) from per_user), 0) as share
  from ks k left join counts c using (days_active)
  order by k.days_active
)
select * from final
