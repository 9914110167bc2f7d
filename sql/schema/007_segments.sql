-- 007_segments: --segment and --where (SPEC §5 "Segments and breakdowns"),
-- written once for every metric file:
--   segment  only users whose properties (those of their signup event) hold
--            every KEY=VALUE count, everywhere in the metric;
--   where    only events whose own properties hold every KEY=VALUE count as
--            the metric's counted events.
-- Both reach a metric file as a JSON object text ('{"plan":"pro"}'), '' for none,
-- read by evtui_properties_arg in evtui_params (003_metric_layer.sql).

-- Whether every value of wanted is a scalar (never an array or an object).
create or replace function evtui_scalars_only(wanted jsonb) returns boolean
language plpgsql immutable parallel safe
as $$
begin
  return not exists (select 1 from jsonb_each(wanted) w where jsonb_typeof(w.value) in ('array', 'object'));
end
$$;

-- Whether props has, at every key of wanted, a value equal to wanted's.
create or replace function evtui_equal_at_keys(props jsonb, wanted jsonb) returns boolean
language plpgsql immutable parallel safe
as $$
begin
  return not exists (select 1 from jsonb_each(wanted) w where props -> w.key is distinct from w.value);
end
$$;

-- Whether properties hold every KEY=VALUE of wanted, each value equal as JSON
-- (jsonb equality); always true when wanted is null (none given). For scalar
-- values (strings, numbers, booleans, null) containment is exactly that
-- equality; an array or object value is also compared whole, since
-- containment alone would let ["a", "b"] hold ["a"]. One expression that the
-- planner inlines: with wanted null it folds to true, so a metric without the
-- filter reads no properties; with scalar values only, the whole-value check
-- folds away too. Its body is SQL-standard (RETURN), so the functions it calls
-- are bound when it is created: a Citus worker inlines it under its own
-- search_path and still finds them.
create or replace function evtui_has_properties(props jsonb, wanted jsonb) returns boolean
language sql immutable parallel safe
return wanted is null or (props @> wanted and (evtui_scalars_only(wanted) or evtui_equal_at_keys(props, wanted)));

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

-- evtui_user_segment as a relation the planner can reason about: at most one
-- row per user, and inlined. A metric left-joins its events to it and takes
-- the group as `case when p.grouped then s.segment end`: with neither a
-- segment nor a --by, nothing of it is used, so the planner leaves the join
-- out and the metric runs as if it were not there.
create or replace function evtui_user_group(
  to_given date, as_of_given date, tz_given text, known_at_given timestamptz, signup_event_given text,
  segment_given text, by_given text)
returns table (user_id text, segment text)
language sql stable
as $$
  select distinct on (u.user_id) u.user_id, u.segment
  from evtui_user_segment(to_given, as_of_given, tz_given, known_at_given, signup_event_given, segment_given, by_given) u
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
  -- EXECUTE, so the arguments ($1 to $7, in the order above) are constants when
  -- it is planned and the cuts are index conditions, not worked out per event
  return query execute $query$
    with params as not materialized (
      select * from evtui_params('infinity', $1, $2, $3, $4, $5, $6)
    ),
    user_segment as (
      select * from evtui_user_segment($1, $2, $3, $4, $5, $6, $7)
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
    select null from user_without_signup
  $query$
  using to_given, as_of_given, tz_given, known_at_given, signup_event_given, segment_given, by_given;
end
$$;
