-- The start of every segmented DuckDB yardstick (test/bench/metrics-data.mjs
-- puts it before segments/<metric>.sql, which goes on with its own CTEs):
-- Segments (SPEC §5): a user's properties are those of their earliest signup
-- event seen (smallest event_id on a tie); --segment keeps the users whose
-- properties hold every KEY=VALUE; --where keeps, as counted events, those
-- whose own properties hold every KEY=VALUE; --by gives the rows for each
-- group (segment: the text of that property, null for a user without it or
-- without a signup), groups in byte order, null last, each zero-filled.
-- `recursive` is for the funnel's walk; the other CTEs read as plain ones.
with recursive user_properties as (
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
  -- the events seen by as_of and known_at; counted: they hold --where
  select user_id, event_id, event_name, event_time, (event_time at time zone $tz)::date as day, ($where = '' or list_bool_and(list_transform(json_keys(nullif($where, '')::json),
      k -> coalesce(json_extract(properties, '$."' || k || '"') = json_extract(nullif($where, '')::json, '$."' || k || '"'), false)))) as counted
  from events
  where ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
),
