-- metric: churn_users
-- title: Users of one churn status
-- summary: The users of one churn status with their first and last event, days inactive and event count; paged.
-- grain: one row per user of the given status, ordered by days_inactive then user_id, one page
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: infinity, no cut)
--   status        text         active, soft_churn, churned or hard_churn (default: active)
--   limit         int          page size (default: 50)
--   offset        int          users skipped, for paging (default: 0)
-- columns:
--   user_id        text       the user
--   first_seen     timestamp  their earliest event on or before as_of
--   last_seen      timestamp  their latest event on or before as_of
--   days_inactive  int        as_of - the day (in tz) of last_seen
--   events         int        their events on or before as_of
-- definition:
--   Exactly the users churn counts in the given status (same cuts, same bands:
--   active < 7, soft_churn 7-13, churned 14-29, hard_churn >= 30 days inactive),
--   so a status's full list has as many users as churn reports. Ignores from/to
--   except that as_of defaults to to.
-- run: psql -v as_of=2025-01-31 -v status=hard_churn -v limit=50 -v offset=0 -f sql/analytics/churn_users.sql
\if :{?tz} \else \set tz '' \endif
\if :{?known_at} \else \set known_at infinity \endif
\if :{?status} \else \set status '' \endif
\if :{?limit} \else \set limit '' \endif
\if :{?offset} \else \set offset '' \endif
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
    case when :'status'::text <> '' then :'status'::text else 'active' end           as status,
    case when :'limit'::text <> '' then nullif(:'limit'::text, '')::bigint else 50 end as row_limit,
    case when :'offset'::text <> '' then nullif(:'offset'::text, '')::bigint else 0 end as row_offset,
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
    r.status,
    r.row_limit,
    r.row_offset,
    r.from_day,
    r.to_day,
    r.as_of_day,
    (evtui_period_starts('day', r.from_day, r.from_day, r.tz))[1]   as from_at,
    (evtui_period_starts('day', r.to_day, r.to_day, r.tz))[2]       as to_end_at,
    (evtui_period_starts('day', r.as_of_day, r.as_of_day, r.tz))[2] as cut_at
  from resolved r
),

day_bounds as (
  -- the first instant of each day from as_of - 29 to as_of + 1, found once per
  -- day (evtui_period_starts, sql/schema/005_metric_functions.sql): a band of
  -- days_inactive is then a range of last_at, so no event and no user is
  -- converted to tz
  select p.as_of_day - 29 + (u.n - 1)::int as day, u.start_at
  from params p
  cross join unnest(evtui_period_starts('day', p.as_of_day - 29, p.as_of_day, p.tz)) with ordinality as u(start_at, n)
),

statuses as (
  -- days_inactive bands, in the order the rows are reported
  select * from (values
    (1, 'active',     0,  6),
    (2, 'soft_churn', 7,  13),
    (3, 'churned',    14, 29),
    (4, 'hard_churn', 30, null)
  ) as s (ord, status, min_days, max_days)
),

bands as (
  -- days_inactive in [min_days, max_days] <=> last_at in [lo_at, hi_at)
  select s.ord, s.status, lo.start_at as lo_at, hi.start_at as hi_at
  from statuses s
  cross join params p
  left join day_bounds lo on lo.day = p.as_of_day - s.max_days
  join day_bounds hi on hi.day = p.as_of_day - s.min_days + 1
),

last_seen as (
  -- each user's latest event seen up to the end of as_of: the first entry of
  -- each user in a backward walk of the (user_id, event_time) index (one pass,
  -- no hash or sort of the users; PGlite hashed them on one thread, ~1.7x slower)
  select distinct on (e.user_id) e.user_id, e.event_time as last_at
  from params p
  join events e on e.event_time < p.cut_at
  where (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
  order by e.user_id desc, e.event_time desc
),

in_status as (
  -- the users of the one status asked for, by the range of their last_at
  select l.user_id, l.last_at
  from last_seen l
  cross join params p
  join bands b on b.status = p.status
  where (b.lo_at is null or l.last_at >= b.lo_at)
    and l.last_at < b.hi_at
),

page as (
  select
    u.user_id,
    u.last_at,
    p.as_of_day - (u.last_at at time zone p.tz)::date as days_inactive
  from in_status u
  cross join params p
  order by days_inactive, u.user_id
  limit (select row_limit from params)
  offset (select row_offset from params)
),

final as (
  -- first_seen and events only for the page's users: one index range each
  select pg.user_id, f.first_seen, pg.last_at as last_seen, pg.days_inactive, f.events
  from page pg
  cross join params p
  cross join lateral (
    select min(e.event_time) as first_seen, count(*) as events
    from events e
    where e.user_id = pg.user_id
      and e.event_time < p.cut_at
      and (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
  ) f
)

select user_id, first_seen, last_seen, days_inactive, events
from final
order by days_inactive, user_id;
