-- metric: signups
-- title: Signups per day
-- summary: Users whose signup day (the day of their earliest signup event) is each day in [from, to]; zero days show 0.
-- grain: one row per calendar day in [from, to] (days in tz), zero days included
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: infinity, no cut)
--   signup_event  text         the event name that marks a signup (default: signup)
-- columns:
--   day      date  the calendar day in tz
--   signups  int   users whose signup day is this day
-- definition:
--   A user's signup time is their earliest signup_event event seen under the as_of
--   and known_at cuts; their signup day is its calendar date in tz. A second signup
--   event never counts again. Users without a signup event are not counted.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -v signup_event=signup -f sql/analytics/signups.sql
\if :{?tz} \else \set tz '' \endif
\if :{?known_at} \else \set known_at infinity \endif
\if :{?signup_event} \else \set signup_event '' \endif
\if :{?from} \else \set from infinity \endif
\if :{?to} \else \set to infinity \endif
\if :{?as_of} \else \set as_of infinity \endif

with input as (
  -- "not given" is 'infinity' for dates and known_at, '' otherwise: the header's
  -- defaults apply. Typed literals let the planner fold every bound to a constant,
  -- and "known_at = 'infinity' or ingested_at <= known_at" to true when there is
  -- no cut, so no entry is tested (4-6% of a pass over an index, server and PGlite).
  select
    case when :'tz'::text <> '' then :'tz'::text else 'UTC' end                          as tz,
    :'known_at'::timestamptz                                                as known_at,
    case when :'signup_event'::text <> '' then :'signup_event'::text else 'signup' end  as signup_event,
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
    r.signup_event,
    r.from_day,
    r.to_day,
    r.as_of_day,
    (evtui_period_starts('day', r.from_day, r.from_day, r.tz))[1]   as from_at,
    (evtui_period_starts('day', r.to_day, r.to_day, r.tz))[2]       as to_end_at,
    (evtui_period_starts('day', r.as_of_day, r.as_of_day, r.tz))[2] as cut_at
  from resolved r
),

split as (
  -- where the users are cut in two (see signup_times)
  select evtui_user_split('-infinity', p.cut_at, p.signup_event) as user_id from params p
),

signup_times as (
  -- a user's signup time is their earliest signup event (under the cuts): the
  -- first of their entries in the (event_name, user_id, event_time) index, so
  -- the signups are read in index order and each user's first kept, with no
  -- sort and no hash of users. The users come in two halves, split at
  -- evtui_user_split() (a parameter of this level, pushed into both branches
  -- as a range of user_id), each half a branch of a Parallel Append read by
  -- its own process on a server (one after the other where no workers run).
  select h.user_id, h.signup_at
  from (
    select 1 as half, s.user_id, s.signup_at
    from (
      select distinct on (e.user_id) e.user_id, e.event_time as signup_at
      from params p
      join events e on e.event_name = p.signup_event and e.event_time < p.cut_at
      where (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
      order by e.user_id, e.event_time
    ) s
    union all
    select 2 as half, s.user_id, s.signup_at
    from (
      select distinct on (e.user_id) e.user_id, e.event_time as signup_at
      from params p
      join events e on e.event_name = p.signup_event and e.event_time < p.cut_at
      where (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
      order by e.user_id, e.event_time
    ) s
  ) h
  where (h.half = 1 and h.user_id < (select user_id from split))
     or (h.half = 2 and h.user_id >= (select user_id from split))
),

signup_days as (
  select (s.signup_at at time zone p.tz)::date as day, count(*) as signups
  from signup_times s
  cross join params p
  group by 1
),

days as (
  select d::date as day
  from params p, generate_series(p.from_day, p.to_day, interval '1 day') as d
),

final as (
  select d.day, coalesce(s.signups, 0) as signups
  from days d
  left join signup_days s on s.day = d.day
)

select day, signups from final order by day;
