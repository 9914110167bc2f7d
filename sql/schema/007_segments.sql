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

-- Each user the segment or the breakdown concerns, with their --by group:
-- the users with a signup_event event seen under the as_of and known_at cuts
-- whose properties (those of their earliest such event; on a tie, the one with
-- the smallest event_id) hold every KEY=VALUE of segment, and as segment the
-- text of their property by (null when they have none, or when by is '').
-- A metric left-joins its users to it: a user it does not list is in the
-- null group, and with a segment given is not counted. With neither segment
-- nor by given it lists no one and reads nothing.
-- The arguments as evtui_params takes them (from is not needed).
-- PL/pgSQL, so on Citus its query is planned on its own, as a distributed one.
drop function if exists evtui_segment_users(date, date, text, timestamptz, text, text);
create or replace function evtui_user_segment(
  to_given date, as_of_given date, tz_given text, known_at_given timestamptz, signup_event_given text,
  segment_given text, by_given text)
returns table (user_id text, segment text)
language plpgsql stable rows 10000
as $$
begin
  if coalesce(segment_given, '') = '' and coalesce(by_given, '') = '' then
    return;
  end if;
  return query
    with params as not materialized (
      select * from evtui_params('infinity', to_given, as_of_given, tz_given, known_at_given, signup_event_given, segment_given)
    ),
    user_properties as (
      select distinct on (e.user_id) e.user_id, e.properties
      from events e, params p
      where e.event_name = p.signup_event and e.event_time < p.cut_at and e.ingested_at <= p.known_at
      order by e.user_id, e.event_time, e.event_id
    )
    select u.user_id, u.properties ->> nullif(by_given, '')
    from user_properties u, params p
    where evtui_has_properties(u.properties, p.segment_props);
end
$$;

-- The --by groups a metric reports, each with its own zero-filled rows: the
-- distinct texts of the property by among the users seen up to the end of
-- as_of (after --segment), plus the null group when one of them has no such
-- property, users without a signup event included. One null group when by is
-- not given, so a metric without --by gives its rows once.
create or replace function evtui_segment_groups(
  to_given date, as_of_given date, tz_given text, known_at_given timestamptz, signup_event_given text,
  segment_given text, by_given text)
returns table (segment text)
language plpgsql stable rows 10
as $$
begin
  if coalesce(by_given, '') = '' then
    return query select null::text;
    return;
  end if;
  return query
    with params as not materialized (
      select * from evtui_params('infinity', to_given, as_of_given, tz_given, known_at_given, signup_event_given, segment_given)
    ),
    user_segment as (
      select * from evtui_user_segment(to_given, as_of_given, tz_given, known_at_given, signup_event_given, segment_given, by_given)
    ),
    user_without_signup as (
      -- one user seen who has no signup event seen (none count with a segment given)
      select e.user_id
      from events e, params p
      where p.segment_props is null
        and e.event_time < p.cut_at and e.ingested_at <= p.known_at
        and e.user_id not in (select s.user_id from user_segment s)
      limit 1
    )
    select s.segment from user_segment s
    union
    select null from user_without_signup;
end
$$;
