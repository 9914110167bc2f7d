-- churn, segmented: four rows per group in fixed order. Users with a counted
-- event on or before as_of; days_inactive = as_of - day of their latest such
-- event; active < 7, soft_churn 7-13, churned 14-29, hard_churn >= 30; share
-- of the group's such users.
-- Segments (SPEC §5): a user's properties are those of their earliest signup
-- event seen (smallest event_id on a tie); --segment keeps the users whose
-- properties hold every KEY=VALUE; --where keeps, as counted events, those
-- whose own properties hold every KEY=VALUE; --by gives the rows for each
-- group (segment: the text of that property, null for a user without it or
-- without a signup), groups in byte order, null last, each zero-filled.
with user_properties as (
  select user_id, arg_min(properties, (event_time, event_id)) as properties
  from events
  where event_name = $signup_event
    and ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
  group by user_id
),
user_group as (
  -- every user seen, if in the segment, with their group
  select u.user_id, case when $by <> '' then p.properties ->> $by end as segment
  from (
    select distinct user_id from events
    where ingested_at <= $known_at::timestamptz and event_time < (($as_of::date + 1)::timestamp at time zone $tz)
  ) u
  left join user_properties p using (user_id)
  where $segment = '' or list_bool_and(list_transform(json_keys(nullif($segment, '')::json),
    k -> coalesce(json_extract(p.properties, '$."' || k || '"') = json_extract(nullif($segment, '')::json, '$."' || k || '"'), false)))
),
groups as (
  -- the groups of the users seen; one null group without --by
  select distinct segment from user_group where $by <> ''
  union all
  select null where $by = ''
),
seen as (
  select user_id, event_name, event_time, (event_time at time zone $tz)::date as day, ($where = '' or list_bool_and(list_transform(json_keys(nullif($where, '')::json),
      k -> coalesce(json_extract(properties, '$."' || k || '"') = json_extract(nullif($where, '')::json, '$."' || k || '"'), false)))) as counted
  from events
  where ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
),
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
