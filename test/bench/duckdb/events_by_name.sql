-- events_by_name: one row per event name with events and distinct users whose
-- day is in [from, to] (and seen by as_of / known_at).
with seen as (
  select event_name, user_id, (event_time at time zone $tz)::date as day
  from events
  where ingested_at <= $known_at::timestamptz
),
final as (
  select event_name, count(*) as events, count(distinct user_id) as users
  from seen
  where day between $from::date and $to::date and day <= $as_of::date
  group by event_name
  order by events desc, event_name
)
select * from final
