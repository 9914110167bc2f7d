-- dau (DuckDB yardstick, SPEC §5): one row per day in [from, to], zero days
-- included; active_users = distinct users with any event that day (day in tz),
-- counting only events seen by as_of and known_at.
with seen as (
  select user_id, (event_time at time zone $tz)::date as day
  from events
  where ingested_at <= $known_at::timestamptz
),
days as (
  select unnest(generate_series($from::date, $to::date, interval 1 day))::date as day
),
counts as (
  select day, count(distinct user_id) as active_users
  from seen
  where day between $from::date and $to::date and day <= $as_of::date
  group by day
),
final as (
  select strftime(d.day, '%Y-%m-%d') as day, coalesce(c.active_users, 0) as active_users
  from days d left join counts c using (day)
  order by d.day
)
select * from final
