-- cohort_retention: one row per (cohort, period). Cohort users: signup day in
-- [from, to], grouped by the granularity period (day, ISO week from Monday,
-- month) of their signup day; period k = 0 is the cohort size, k >= 1 counts
-- cohort users with an activity event in the k-th period after the cohort's.
-- Periods starting after as_of are left out; complete = period ends by as_of.
with seen as (
  select user_id, event_name, (event_time at time zone $tz)::date as day
  from events
  where ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
),
signup as (
  select user_id, min(day) as signup_day
  from seen
  where event_name = $signup_event
  group by user_id
  having min(day) between $from::date and $to::date
),
cohort as (
  select user_id, date_trunc($granularity, signup_day)::date as cohort from signup
),
sizes as (
  select cohort, count(*) as cohort_users from cohort group by cohort
),
activity as (
  select distinct c.cohort, c.user_id,
    case $granularity
      when 'day' then e.day - c.cohort
      when 'week' then (date_trunc('week', e.day)::date - c.cohort) // 7
      else (year(e.day) - year(c.cohort)) * 12 + month(e.day) - month(c.cohort)
    end as period
  from cohort c join seen e on e.user_id = c.user_id
  where e.event_name <> $signup_event and e.day >= c.cohort
),
active as (
  select cohort, period, count(*) as active_users from activity where period >= 1 group by cohort, period
),
periods as (
  select s.cohort, s.cohort_users,
    unnest(range(0, 1 + case $granularity
      when 'day' then $as_of::date - s.cohort
      when 'week' then (date_trunc('week', $as_of::date)::date - s.cohort) // 7
      else (year($as_of::date) - year(s.cohort)) * 12 + month($as_of::date) - month(s.cohort)
    end)) as period
  from sizes s
),
bounded as (
  select p.*,
    case $granularity
      when 'day' then p.cohort + p.period::int
      when 'week' then p.cohort + 7 * p.period::int + 6
      else (p.cohort + to_months(p.period::int + 1))::date - 1
    end as period_end
  from periods p
),
final as (
  select strftime(b.cohort, '%Y-%m-%d') as cohort, b.period, b.cohort_users,
    case when b.period = 0 then b.cohort_users else coalesce(a.active_users, 0) end as active_users,
    (case when b.period = 0 then b.cohort_users else coalesce(a.active_users, 0) end)::double / b.cohort_users as retention_rate,
    b.period_end <= $as_of::date as complete
  from bounded b left join active a on a.cohort = b.cohort and a.period = b.period
  order by b.cohort, b.period
)
select * from final
