-- retention, segmented: one row per group. cohort = users whose signup day
-- is in [from, to]; retained = of them, those with a counted activity event
-- on a later day, up to as_of.
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
cohort as (
  -- users whose signup day is in [from, to] (signups unfiltered by --where), with their group
  select s.user_id, g.segment, s.signup_day
  from (select user_id, min(day) as signup_day from seen where event_name = $signup_event group by user_id) s
  join user_group g using (user_id)
  where s.signup_day between $from::date and $to::date
),
retained as (
  select distinct c.user_id
  from cohort c join seen e on e.user_id = c.user_id
  where e.event_name <> $signup_event and e.counted and e.day > c.signup_day
),
per_group as (
  select c.segment, count(*) as cohort_users, count(r.user_id) as retained_users
  from cohort c left join retained r using (user_id)
  group by c.segment
),
final as (
  select g.segment, coalesce(t.cohort_users, 0) as cohort_users, coalesce(t.retained_users, 0) as retained_users,
         t.retained_users::double / nullif(t.cohort_users, 0) as retention_rate
  from groups g left join per_group t on t.segment is not distinct from g.segment
  order by g.segment nulls last
)
select * from final
