-- active_users, segmented: one row per group and day in [from, to], zero
-- days included; dau, wau, mau = distinct users with a counted event on that
-- day, in the 7 days, in the 30 days ending it; dau_mau = dau / mau.
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
user_day as (
  select distinct g.segment, e.user_id, e.day
  from seen e join user_group g using (user_id)
  where e.counted and e.day between $from::date - 29 and $to::date
),
days as (
  select unnest(generate_series($from::date, $to::date, interval 1 day))::date as day
),
rolling as (
  select u.segment, d.day,
         count(distinct u.user_id) filter (where u.day = d.day) as dau,
         count(distinct u.user_id) filter (where u.day > d.day - 7) as wau,
         count(distinct u.user_id) as mau
  from days d join user_day u on u.day between d.day - 29 and d.day
  group by u.segment, d.day
),
final as (
  select g.segment, strftime(d.day, '%Y-%m-%d') as day, coalesce(r.dau, 0) as dau, coalesce(r.wau, 0) as wau,
         coalesce(r.mau, 0) as mau, r.dau::double / nullif(r.mau, 0) as dau_mau
  from groups g cross join days d
  left join rolling r on r.segment is not distinct from g.segment and r.day = d.day
  order by g.segment nulls last, d.day
)
select * from final
