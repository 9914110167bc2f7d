-- events_by_name, segmented: one row per group and event name its users have
-- in [from, to], with events and distinct users (counted events seen by as_of
-- and known_at).
final as (
  select g.segment, e.event_name, count(*) as events, count(distinct e.user_id) as users
  from seen e join user_group g using (user_id)
  where e.counted and e.day between $from::date and $to::date
  group by g.segment, e.event_name
  order by g.segment nulls last, events desc, e.event_name
)
select * from final
