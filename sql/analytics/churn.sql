-- metric: churn
-- title: Churn status
-- summary: Every user seen up to as_of, by days since their latest event: active, soft_churn, churned, hard_churn.
-- grain: four rows, always, in the order active, soft_churn, churned, hard_churn (zero rows included)
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: infinity, no cut)
-- columns:
--   status  text  active (< 7 days inactive), soft_churn (7-13), churned (14-29), hard_churn (>= 30)
--   users   int   users in that status
--   share   rate  users / all users with any event on or before as_of (null when there are none)
-- definition:
--   The users are everyone with any event (signup included, with or without a signup)
--   on or before as_of. days_inactive = as_of - the day, in tz, of their latest such
--   event. from and to are not used, except that as_of defaults to to.
-- run: psql -v as_of=2025-01-31 -v tz=UTC -f sql/analytics/churn.sql
\if :{?tz} \else \set tz '' \endif
\if :{?known_at} \else \set known_at infinity \endif
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
  -- days_inactive >= min_days <=> last_at < hi_at; each band ends where the
  -- next one starts, so days_inactive in [min_days, max_days] <=> last_at in
  -- [the next band's hi_at, hi_at) (hard_churn: below its hi_at)
  select s.ord, s.status, hi.start_at as hi_at
  from statuses s
  cross join params p
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

thresholds as (
  -- the bands' upper bounds, ascending: hard_churn's, churned's, soft_churn's, active's
  select array_agg(b.hi_at order by b.ord desc) as at from bands b
),

band_users as (
  -- a user's band is the bucket of last_at among the thresholds, one lookup per
  -- user: bucket 0 is hard_churn (ord 4) ... bucket 3 active (ord 1); bucket 4
  -- (at or after active's end) is in no band
  select 4 - width_bucket(l.last_at, t.at) as ord, count(*) as users
  from last_seen l cross join thresholds t
  group by 1
),

counts as (
  select b.ord, b.status, coalesce(u.users, 0) as users
  from bands b
  left join band_users u on u.ord = b.ord
),

final as (
  select
    ord,
    status,
    users,
    users::numeric / nullif(sum(users) over (), 0) as share
  from counts
)

select status, users, share from final order by ord;
