-- churn, segmented: four rows per group in fixed order. Users with a counted
-- event on or before as_of; days_inactive = as_of - day of their latest such
-- event; active < 7, soft_churn 7-13, churned 14-29, hard_churn >= 30; share
-- of the group's such users.
per_user as (
  select g.segment, $as_of::date - max(e.day) as days_inactive
  from seen e join user_group g using (user_id)
  where e.counted
  group by g.segment, e.user_id
),
labelled as (
  select segment, case when days_inactive < 7 then 'active' when days_inactive < 14 then 'soft_churn'
              when days_inactive < 30 then 'churned' else 'hard_churn' end as status
  from per_user
),
statuses as (
  select * from (values (1, 'active'), (2, 'soft_churn'), (3, 'churned'), (4, 'hard_churn')) t(ord, status)
),
counts as (select segment, status, count(*) as users from labelled group by segment, status),
final as (
  select g.segment, s.status, coalesce(c.users, 0) as users,
         coalesce(c.users, 0)::double / nullif(sum(c.users) over (partition by g.segment), 0) as share
  from groups g cross join statuses s
  left join counts c on c.segment is not distinct from g.segment and c.status = s.status
  order by g.segment nulls last, s.ord
)
select * from final
