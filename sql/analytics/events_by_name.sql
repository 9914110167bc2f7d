-- metric: events_by_name
-- title: Events by name
-- summary: For each event name, the events and distinct users in [from, to].
-- grain: one row per event name seen in [from, to], most frequent first
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: infinity, no cut)
-- columns:
--   event_name  text  the event name
--   events      int   events with that name whose day (in tz) is in [from, to], up to as_of
--   users       int   distinct users with such an event
-- definition:
--   Counts every event whose day, in tz, is in [from, to] and not after as_of,
--   grouped by event_name. Ordered by events descending, then event_name.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -f sql/analytics/events_by_name.sql
\if :{?tz} \else \set tz '' \endif
\if :{?known_at} \else \set known_at infinity \endif
\if :{?from} \else \set from infinity \endif
\if :{?to} \else \set to infinity \endif
\if :{?as_of} \else \set as_of infinity \endif

with recursive input as (
  -- "not given" is 'infinity' for dates and known_at, '' otherwise: the header's
  -- defaults apply. Typed literals let the planner fold every bound to a constant,
  -- and "known_at = 'infinity' or ingested_at <= known_at" to true when there is
  -- no cut, so no entry is tested (4-6% of a pass over an index, server and PGlite).
  select
    case when :'tz'::text <> '' then :'tz'::text else 'UTC' end                          as tz,
    :'known_at'::timestamptz                                                as known_at,
    :'from'::date                                                           as from_given,
    :'to'::date                                                             as to_given,
    :'as_of'::date                                                          as as_of_given
),

window_end as (
  -- to defaults to the day, in tz, of the latest event known at known_at
  select
    i.*,
    case when :'to'::date <> 'infinity' then i.to_given else coalesce(
      (select (max(e.event_time) at time zone i.tz)::date from events e
        where e.ingested_at <= i.known_at),
      (least(i.known_at, now()) at time zone i.tz)::date) end as to_day
  from input i
),

resolved as (
  select
    w.*,
    case when :'from'::date <> 'infinity' then w.from_given else w.to_day - 29 end as from_day,
    case when :'as_of'::date <> 'infinity' then w.as_of_given else w.to_day end    as as_of_day
  from window_end w
),

params as not materialized (
  -- from_at, to_end_at: the first instants of from and of the day after to;
  -- cut_at: the first instant after as_of, so nothing at or after it is seen.
  -- A day's first instant is its local midnight, or the first of two where a
  -- DST change repeats the hour after midnight (evtui_period_starts, in
  -- sql/schema/005_metric_functions.sql; a plain "at time zone" takes the second)
  select
    r.tz,
    r.known_at,
    r.from_day,
    r.to_day,
    r.as_of_day,
    (evtui_period_starts('day', r.from_day, r.from_day, r.tz))[1]   as from_at,
    (evtui_period_starts('day', r.to_day, r.to_day, r.tz))[2]       as to_end_at,
    (evtui_period_starts('day', r.as_of_day, r.as_of_day, r.tz))[2] as cut_at
  from resolved r
),

names as (
  -- the distinct event names, one (event_name, user_id, event_time) index probe
  -- each (a loose index scan: a handful of names over millions of events)
  select min(e.event_name) as event_name from events e
  union all
  select (select min(e.event_name) from events e where e.event_name > n.event_name)
  from names n
  where n.event_name is not null
),

split as (
  -- where the (event_name, user_id) pairs are cut in two, so that both halves
  -- have as much to read and count (see final; sql/schema/007_*.sql)
  select evtui_name_user_split(p.from_at, least(p.to_end_at, p.cut_at)) as cut from params p
),

final as (
  -- Two ways to the same counts; the setting picks one when the query starts
  -- (a one-time filter: the other branch is never run).
  --
  -- Without parallel workers (PGlite; a server with
  -- max_parallel_workers_per_gather = 0): per name, one range of the
  -- (event_name, user_id, event_time) index, whose entries come grouped by
  -- user: each user's counted as they come, with no hash of users and no
  -- (name, user) hash over the window. A window a small part of the data long
  -- reads the (event_time) index instead.
  select f.event_name, f.events, f.users
  from (
    select n.event_name, c.events, c.users
    from names n
    cross join params p
    cross join lateral (
      select sum(u.events)::bigint as events, count(*) as users
      from (
        select e.user_id, count(*) as events
        from events e
        where e.event_name = n.event_name
          and e.event_time >= p.from_at
          and e.event_time < least(p.to_end_at, p.cut_at)
          and (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
        group by e.user_id
      ) u
    ) c
    where n.event_name is not null
      and c.users > 0
  ) f
  where current_setting('max_parallel_workers_per_gather')::int = 0
  union all
  -- With workers: the window's (name, user) pairs in the same index order, cut
  -- in two at evtui_name_user_split() (a parameter of this level, pushed into
  -- both halves as a range of the index), each half a branch of a Parallel
  -- Append read and counted by its own process; a pair lies wholly in one
  -- half. 10M events: 0.8x the per-name ranges; on one process the cut costs
  -- a sample and a comparison per entry (PGlite 1.1-1.4x), hence two ways.
  select h.event_name, sum(h.events)::bigint, count(*)
  from (
    select 1 as half, e.event_name, e.user_id, count(*) as events
    from (
      select e.event_name, e.user_id
      from params p
      join events e on e.event_time >= p.from_at and e.event_time < least(p.to_end_at, p.cut_at)
      where (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
      order by e.event_name, e.user_id
    ) e
    group by e.event_name, e.user_id
    union all
    select 2 as half, e.event_name, e.user_id, count(*) as events
    from (
      select e.event_name, e.user_id
      from params p
      join events e on e.event_time >= p.from_at and e.event_time < least(p.to_end_at, p.cut_at)
      where (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
      order by e.event_name, e.user_id
    ) e
    group by e.event_name, e.user_id
  ) h
  where ((h.half = 1 and (h.event_name, h.user_id) < (select s.cut[1], s.cut[2] from split s))
      or (h.half = 2 and (h.event_name, h.user_id) >= (select s.cut[1], s.cut[2] from split s)))
    and current_setting('max_parallel_workers_per_gather')::int > 0
  group by h.event_name
)

select event_name, events, users from final order by events desc, event_name;
