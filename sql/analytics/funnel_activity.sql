-- metric: funnel_activity
-- title: Activation funnel
-- summary: Users who signed up in [from, to], and those with an activity event within window_days x 24 hours after signup.
-- grain: two rows: step 1 signed_up, step 2 activated
-- params:
--   from          date         first day, inclusive (default: 29 days before to)
--   to            date         last day, inclusive (default: the day, in tz, of the latest event known at known_at; the day of known_at or today if none)
--   as_of         date         nothing after the end of this day (in tz) is seen (default: to)
--   tz            text         IANA time zone whose calendar defines a day (default: UTC)
--   known_at      timestamptz  only events with ingested_at <= known_at count (default: infinity, no cut)
--   signup_event  text         the event name that marks a signup (default: signup)
--   window_days   int          activation window after signup time, in 24-hour days (default: 7)
-- columns:
--   step                       int      1 or 2
--   name                       text     signed_up, activated
--   users                      int      users who reached the step
--   conversion_rate            rate     users / users of the previous step (step 1: 1, or null when no one signed up)
--   median_seconds_to_convert  seconds  step 2: median seconds from signup time to the first qualifying activity (null in step 1)
--   open_windows               int      step 2: signed-up users not converted whose window ends after as_of (they may still convert)
-- definition:
--   Signup time is a user's earliest signup_event event; step 1 holds the users whose
--   signup day (in tz) is in [from, to]. Step 2 holds those with an activity event
--   (any event not named signup_event) strictly after their signup time and at most
--   window_days x 24 hours after it (an event exactly at the boundary counts), seen
--   before the end of as_of. The median is percentile_cont(0.5): for an even count,
--   the mean of the two middle values. open_windows counts the step-1 users who have
--   not converted and whose window end is at or after the end of as_of: the data
--   cannot yet say whether they drop off, so do not read them as drop-off.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v window_days=7 -v tz=UTC -f sql/analytics/funnel_activity.sql
\if :{?tz} \else \set tz '' \endif
\if :{?known_at} \else \set known_at infinity \endif
\if :{?signup_event} \else \set signup_event '' \endif
\if :{?window_days} \else \set window_days '' \endif
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
    case when :'window_days'::text <> '' then nullif(:'window_days'::text, '')::int else 7 end as window_days,
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
    r.window_days,
    r.from_day,
    r.to_day,
    r.as_of_day,
    (evtui_period_starts('day', r.from_day, r.from_day, r.tz))[1]   as from_at,
    (evtui_period_starts('day', r.to_day, r.to_day, r.tz))[2]       as to_end_at,
    (evtui_period_starts('day', r.as_of_day, r.as_of_day, r.tz))[2] as cut_at
  from resolved r
),

signup_times as (
  -- a user's signup time is their earliest signup event (under the cuts): the
  -- first of their entries in the (event_name, user_id, event_time) index, so
  -- the signups are read in index order and each user's first kept (no sort,
  -- no hash of users), and the cohort below comes in the order it is probed in.
  select distinct on (e.user_id) e.user_id, e.event_time as signup_at
  from params p
  join events e on e.event_name = p.signup_event and e.event_time < p.cut_at
  where (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
  order by e.user_id, e.event_time
),

cohort as (
  -- window_end is the last instant that still converts (the boundary counts)
  select
    s.user_id,
    s.signup_at,
    s.signup_at + p.window_days * interval '24 hours' as window_end
  from signup_times s cross join params p
  where (s.signup_at at time zone p.tz)::date between p.from_day and p.to_day
  -- in index order, so consecutive probes below read neighbouring index pages
  -- (signup_times comes so already: this costs no sort)
  order by s.user_id
),

per_user as (
  -- Two ways to the same rows; the setting picks one when the query starts (a
  -- one-time filter: the other branch is never run).
  --
  -- Without parallel workers (PGlite; a server with
  -- max_parallel_workers_per_gather = 0): each cohort user's first qualifying
  -- activity by one ordered index probe per user (limit 1), in the same pass
  -- over the cohort (no second pass joined back to it).
  select
    f.converted_at is not null                                       as converted,
    extract(epoch from f.converted_at - c.signup_at)::double precision as seconds,
    f.converted_at is null and c.window_end >= p.cut_at              as window_open
  from cohort c
  cross join params p
  left join lateral (
    select e.event_time as converted_at
    from events e
    where e.user_id = c.user_id
      and e.event_time > c.signup_at
      and e.event_time <= c.window_end
      and e.event_time < p.cut_at
      and e.event_name <> p.signup_event
      and (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
    order by e.event_time
    limit 1
  ) f on true
  where current_setting('max_parallel_workers_per_gather')::int = 0
  union all
  -- With workers: the cohort in two halves (by the sign of hashtext(user_id)),
  -- each a branch of a Parallel Append run by its own process, with the same
  -- signup times and cohort as signup_times and cohort above. A limit-1
  -- subquery per user cannot run in a worker (the user is a parameter from the
  -- outer row), so each half joins its users to their events in the window
  -- after signup (~5 per user) and keeps the earliest (min, grouped in the
  -- cohort's order: no sort, no hash). The day filter is written as two
  -- different comparisons (not a between) and the halves by sign (not by a
  -- bit): the planner's default selectivities for such expressions then
  -- estimate 15,000 cohort users per half at 10M events instead of 15, and it
  -- runs the halves in parallel instead of each half's signup sort. 10M events:
  -- 0.77-0.83x the probes' time, 1M: 0.83x (docs/benchmark-plans.md).
  select b.converted, b.seconds, b.window_open
  from (
    select
      min(e.event_time) is not null                                              as converted,
      extract(epoch from min(e.event_time) - min(c.signup_at))::double precision as seconds,
      min(e.event_time) is null and min(c.window_end) >= p.cut_at                as window_open
    from (
      select
        s.user_id,
        s.signup_at,
        s.signup_at + p.window_days * interval '24 hours' as window_end
      from (
        select distinct on (e.user_id) e.user_id, e.event_time as signup_at
        from params p
        join events e on e.event_name = p.signup_event and e.event_time < p.cut_at
        where (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
          and hashtext(e.user_id) >= 0
        order by e.user_id, e.event_time
      ) s
      cross join params p
      where (s.signup_at at time zone p.tz)::date >= p.from_day
        and (s.signup_at at time zone p.tz) < (p.to_day + 1)::timestamp
      order by s.user_id
    ) c
    cross join params p
    left join events e
      on e.user_id = c.user_id
     and e.event_time > c.signup_at
     and e.event_time <= c.window_end
     and e.event_time < p.cut_at
     and e.event_name <> p.signup_event
     and (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
    group by c.user_id, p.cut_at
    union all
    select
      min(e.event_time) is not null                                              as converted,
      extract(epoch from min(e.event_time) - min(c.signup_at))::double precision as seconds,
      min(e.event_time) is null and min(c.window_end) >= p.cut_at                as window_open
    from (
      select
        s.user_id,
        s.signup_at,
        s.signup_at + p.window_days * interval '24 hours' as window_end
      from (
        select distinct on (e.user_id) e.user_id, e.event_time as signup_at
        from params p
        join events e on e.event_name = p.signup_event and e.event_time < p.cut_at
        where (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
          and hashtext(e.user_id) < 0
        order by e.user_id, e.event_time
      ) s
      cross join params p
      where (s.signup_at at time zone p.tz)::date >= p.from_day
        and (s.signup_at at time zone p.tz) < (p.to_day + 1)::timestamp
      order by s.user_id
    ) c
    cross join params p
    left join events e
      on e.user_id = c.user_id
     and e.event_time > c.signup_at
     and e.event_time <= c.window_end
     and e.event_time < p.cut_at
     and e.event_name <> p.signup_event
     and (p.known_at = 'infinity' or e.ingested_at <= p.known_at)
    group by c.user_id, p.cut_at
    -- offset 0 keeps this union apart from the one above (one Parallel Append
    -- cannot hold the limit-1 subquery) and the one-time filter above its Gather
    offset 0
  ) b
  where current_setting('max_parallel_workers_per_gather')::int > 0
),

totals as (
  select
    count(*)                                                  as signed_up,
    count(*) filter (where converted)                         as activated,
    percentile_cont(0.5) within group (order by seconds)      as median_seconds,
    count(*) filter (where window_open)                       as open_windows
  from per_user
),

final as (
  select 1 as step, 'signed_up' as name, signed_up as users,
         case when signed_up > 0 then 1::numeric end as conversion_rate,
         null::double precision as median_seconds_to_convert,
         null::bigint as open_windows
  from totals
  union all
  select 2, 'activated', activated,
         activated::numeric / nullif(signed_up, 0),
         median_seconds,
         open_windows
  from totals
)

select step, name, users, conversion_rate, median_seconds_to_convert, open_windows
from final
order by step;
