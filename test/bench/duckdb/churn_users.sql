-- churn_users: the users of one churn status, with first_seen, last_seen,
-- days_inactive and events over their events on or before as_of; ordered by
-- days_inactive then user_id; paged by limit/offset.
with seen as (
  select user_id, event_time, (event_time at time zone $tz)::date as day
  from events
  where ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
),
per_user as (
  select user_id, min(event_time) as first_seen, max(event_time) as last_seen,
         $as_of::date - max(day) as days_inactive, count(*) as events
  from seen group by user_id
),
labelled as (
  select *, case when days_inactive < 7 then 'active' when days_inactive < 14 then 'soft_churn'
                 when days_inactive < 30 then 'churned' else 'hard_churn' end as status
  from per_user
),
final as (
  select user_id, epoch_ms(first_seen) as first_seen, epoch_ms(last_seen) as last_seen, days_inactive, events
  from labelled
  where status = $status
  order by days_inactive, user_id
  limit $limit offset $offset
)
select * from final
