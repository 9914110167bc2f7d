-- signups, segmented: one row per group and day in [from, to], zero days
-- included; users whose signup day is that day. --where does not apply.
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
signup as (
  select user_id, min(event_time) as signup_time
  from events
  where event_name = $signup_event
    and ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
  group by user_id
),
counts as (
  select g.segment, (s.signup_time at time zone $tz)::date as day, count(*) as signups
  from signup s join user_group g using (user_id)
  group by all
),
days as (
  select unnest(generate_series($from::date, $to::date, interval 1 day))::date as day
),
final as (
  select g.segment, strftime(d.day, '%Y-%m-%d') as day, coalesce(c.signups, 0) as signups
  from groups g cross join days d
  left join counts c on c.segment is not distinct from g.segment and c.day = d.day
  order by g.segment nulls last, d.day
)
select * from final
