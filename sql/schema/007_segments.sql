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

-- Each user's --by group, and the groups a metric reports, in one read of the
-- signup events' properties:
--   - a row for each user with a signup_event event seen under the as_of and
--     known_at cuts whose properties (those of their earliest such event; on
--     a tie, the one with the smallest event_id) hold every KEY=VALUE of
--     segment, with as segment the text of their property by (null when they
--     have none, or when by is '');
--   - and a row without a user for the null group when it holds users not
--     listed: always without a --by (every user is in that one group), and
--     with a --by and no segment when a user seen has no signup event.
-- A metric file reads it once, as its CTE user_group, and uses it twice:
--   - it left-joins its users to `(select distinct on (user_id) * from
--     user_group)`: a user not listed is in the null group, and with a
--     segment given is not counted. The distinct on states what is already
--     true, one row per user, for the planner, which has no statistics on a
--     CTE: it then plans the join for unique users, and leaves the join out
--     when a metric without a segment or a --by uses nothing of it (the group
--     taken as `case when p.grouped then s.segment end`);
--   - its groups, each with its own zero-filled rows, are
--     `(select distinct segment from user_group)`.
-- With neither a segment nor a --by it reads nothing.
-- The arguments as evtui_params takes them (from is not needed).
-- PL/pgSQL, so on Citus its query is planned on its own, as a distributed
-- one; and with EXECUTE, so the arguments ($1 to $7, in the order below) are
-- constants when it is planned and the cuts are index conditions.
drop function if exists evtui_segment_users(date, date, text, timestamptz, text, text);
drop function if exists evtui_segment_groups(date, date, text, timestamptz, text, text, text);
drop function if exists evtui_user_segment(date, date, text, timestamptz, text, text, text);
create or replace function evtui_user_group(
  to_given date, as_of_given date, tz_given text, known_at_given timestamptz, signup_event_given text,
  segment_given text, by_given text)
returns table (user_id text, segment text)
language plpgsql stable rows 10000
as $$
begin
  if coalesce(segment_given, '') = '' and coalesce(by_given, '') = '' then
    return query select null::text, null::text;
    return;
  end if;
  return query execute $query$
    with params as not materialized (
      select * from evtui_params('infinity', $1, $2, $3, $4, $5, $6)
    ),
    user_properties as (
      -- each user's earliest signup event seen, the one with the smallest event_id on a tie
      select distinct on (e.user_id) e.user_id, e.properties
      from events e, params p
      where e.event_name = p.signup_event and e.event_time < p.cut_at and e.ingested_at <= p.known_at
      order by e.user_id, e.event_time, e.event_id
    ),
    user_group as (
      -- the users of the segment, with the text of their property by
      select u.user_id, u.properties ->> nullif($7, '') as segment
      from user_properties u, params p
      where evtui_has_properties(u.properties, p.segment_props)
    ),
    user_without_signup as (
      -- a user seen who has no signup event seen, if there is one (none count with a segment given)
      select e.user_id
      from events e, params p
      where p.segment_props is null
        and e.event_time < p.cut_at and e.ingested_at <= p.known_at
        and e.user_id not in (select g.user_id from user_group g)
      limit 1
    )
    select * from user_group
    union all
    -- the null group's row without a user: always without a --by, and with
    -- one when a user seen has no signup event
    select null, null where coalesce($7, '') = ''
    union all
    select null, null from user_without_signup where coalesce($7, '') <> ''
  $query$
  using to_given, as_of_given, tz_given, known_at_given, signup_event_given, segment_given, by_given;
end
$$;
