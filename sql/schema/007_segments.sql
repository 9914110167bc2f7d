-- 007_segments: --segment and --where (SPEC §5 "Segments and breakdowns"),
-- written once for every metric file:
--   segment  only users whose properties (those of their signup event) hold
--            every KEY=VALUE count, everywhere in the metric;
--   where    only events whose own properties hold every KEY=VALUE count as
--            the metric's counted events.
-- Both reach a metric file as a JSON object text ('{"plan":"pro"}'), '' for none,
-- read by evtui_properties_arg in evtui_params (003_metric_layer.sql).

-- Whether properties hold every KEY=VALUE of wanted; always true when wanted
-- is null (none given). evtui_properties_arg admits only scalar values
-- (strings, numbers, booleans, null), for which containment is exactly jsonb
-- equality at each key. One expression that the planner inlines: with wanted
-- null it folds to true, so a metric without the filter reads no properties;
-- and it calls no other function, so on Citus a worker can run it as it is.
create or replace function evtui_has_properties(props jsonb, wanted jsonb) returns boolean
language sql immutable parallel safe
as $$
  select wanted is null or props @> wanted
$$;
drop function if exists evtui_scalars_only(jsonb);
drop function if exists evtui_equal_at_keys(jsonb, jsonb);

-- The users of a segment: those whose properties, the properties of their
-- earliest signup_event event seen under the as_of and known_at cuts (on a
-- tie, the one with the smallest event_id), hold every KEY=VALUE of segment.
-- A user without a signup event has no properties and is in no segment.
-- The arguments as evtui_params takes them (from is not needed).
-- PL/pgSQL, so on Citus its query is planned on its own, as a distributed one.
create or replace function evtui_segment_users(
  to_given date, as_of_given date, tz_given text, known_at_given timestamptz, signup_event_given text, segment_given text)
returns table (user_id text)
language plpgsql stable rows 10000
as $$
begin
  return query
    with params as not materialized (
      select * from evtui_params('infinity', to_given, as_of_given, tz_given, known_at_given, signup_event_given)
    ),
    user_properties as (
      select distinct on (e.user_id) e.user_id, e.properties
      from events e, params p
      where e.event_name = p.signup_event and e.event_time < p.cut_at and e.ingested_at <= p.known_at
      order by e.user_id, e.event_time, e.event_id
    )
    select u.user_id from user_properties u
    where evtui_has_properties(u.properties, evtui_properties_arg(segment_given, 'segment'));
end
$$;
