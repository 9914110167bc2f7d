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
  -- defaults apply. Typed literals let the planner fold every bound to a constant.
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
  -- cut_at: the first instant after as_of, so nothing at or after it is seen
  select
    r.tz,
    r.known_at,
    r.status,
    r.row_limit,
    r.row_offset,
    r.from_day,
    r.to_day,
    r.as_of_day,
    r.from_day::timestamp at time zone r.tz        as from_at,
    (r.to_day + 1)::timestamp at time zone r.tz    as to_end_at,
    (r.as_of_day + 1)::timestamp at time zone r.tz as cut_at
  from resolved r
),

user_activity as (
  -- one pass per user over everything seen up to the end of as_of
  select
    e.user_id,
    min(e.event_time) as first_seen,
    max(e.event_time) as last_seen,
    count(*)          as events
  from params p
  join events e on e.event_time < p.cut_at
  where e.ingested_at <= p.known_at
  group by e.user_id
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

user_status as (
  select
    u.user_id,
    u.first_seen,
    u.last_seen,
    u.events,
    p.as_of_day - (u.last_seen at time zone p.tz)::date as days_inactive
  from user_activity u cross join params p
),

final as (
  select us.user_id, us.first_seen, us.last_seen, us.days_inactive, us.events
  from user_status us
  cross join params p
  join statuses s on s.status = p.status
  where us.days_inactive >= s.min_days
    and (s.max_days is null or us.days_inactive <= s.max_days)
)

select user_id, first_seen, last_seen, days_inactive, events
from final
order by days_inactive, user_id
limit (select row_limit from params)
offset (select row_offset from params);
