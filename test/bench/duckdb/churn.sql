-- churn: four rows in fixed order. Users with any event on or before as_of;
-- days_inactive = as_of - day of their latest such event; active < 7,
-- soft_churn 7-13, churned 14-29, hard_churn >= 30; share of all such users.
with seen as (
  select user_id, (event_time at time zone $tz)::date as day
  from events
  where ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
),
per_user as (
  select $as_of::date - max(day) as days_inactive from seen group by user_id
),
labelled as (
  select case when days_inactive < 7 then 'active' when days_inactive < 14 then 'soft_churn'
              when days_inactive < 30 then 'churned' else 'hard_churn' end as status
  from per_user
),
statuses as (
  select * from (values (1, 'active'), (2, 'soft_churn'), (3, 'churned'), (4, 'hard_churn')) t(ord, status)
),
counts as (select status, count(*) as users from labelled group by status),
final as (
  select s.status, coalesce(c.users, 0) as users,
         coalesce(c.users, 0)::double / nullif((select count(*) from per_user), 0) as share
  from statuses s left join counts c using (status)
  order by s.ord
)
select * from final
