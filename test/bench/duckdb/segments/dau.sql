-- dau (DuckDB yardstick, SPEC §5): one row per day in [from, to], zero days
-- included; active_users = distinct users with any event that day (day in tz),
-- counting only events seen by as_of and known_at.
-- --where: only events whose properties hold every KEY=VALUE count. --segment:
-- only users whose properties (of their earliest signup event) hold every
-- KEY=VALUE. --by: the rows again for each group (segment: the text of that
-- property; null for a user without it), groups in byte order, null last.
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
  select user_id, (event_time at time zone $tz)::date as day
  from events
  where ingested_at <= $known_at::timestamptz
    and ($where = '' or list_bool_and(list_transform(json_keys(nullif($where, '')::json),
      k -> coalesce(json_extract(properties, '$."' || k || '"') = json_extract(nullif($where, '')::json, '$."' || k || '"'), false))))
),
days as (
  select unnest(generate_series($from::date, $to::date, interval 1 day))::date as day
),
counts as (
  select g.segment, e.day, count(distinct e.user_id) as active_users
  from seen e join user_group g using (user_id)
  where e.day between $from::date and $to::date and e.day <= $as_of::date
  group by g.segment, e.day
),
final as (
  select g.segment, strftime(d.day, '%Y-%m-%d') as day, coalesce(c.active_users, 0) as active_users
  from groups g cross join days d
  left join counts c on c.segment is not distinct from g.segment and c.day = d.day
  order by g.segment nulls last, d.day
)
select * from final
