-- cohort_retention, segmented: one row per (group, cohort, period). Cohort
-- users: signup day in [from, to], grouped by the granularity period of their
-- signup day; period k = 0 is the cohort size, k >= 1 counts cohort users with
-- a counted activity event in the k-th period after the cohort's. Periods
-- starting after as_of are left out; complete = period ends by as_of; a group
-- or cohort without cohort users has no rows.
cohort as (
  select s.user_id, g.segment, date_trunc($granularity, s.signup_day)::date as cohort
  from (select user_id, min(day) as signup_day from seen where event_name = $signup_event group by user_id) s
  join user_group g using (user_id)
  where s.signup_day between $from::date and $to::date
),
sizes as (
  select segment, cohort, count(*) as cohort_users from cohort group by segment, cohort
),
activity as (
  select distinct c.segment, c.cohort, c.user_id,
    case $granularity
      when 'day' then e.day - c.cohort
      when 'week' then (date_trunc('week', e.day)::date - c.cohort) // 7
      else (year(e.day) - year(c.cohort)) * 12 + month(e.day) - month(c.cohort)
    end as period
  from cohort c join seen e on e.user_id = c.user_id
  where e.event_name <> $signup_event and e.counted and e.day >= c.cohort
),
active as (
  select segment, cohort, period, count(*) as active_users from activity where period >= 1 group by segment, cohort, period
),
periods as (
  select s.segment, s.cohort, s.cohort_users,
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
  select b.segment, strftime(b.cohort, '%Y-%m-%d') as cohort, b.period, b.cohort_users,
    case when b.period = 0 then b.cohort_users else coalesce(a.active_users, 0) end as active_users,
    (case when b.period = 0 then b.cohort_users else coalesce(a.active_users, 0) end)::double / b.cohort_users as retention_rate,
    b.period_end <= $as_of::date as complete
  from bounded b
  left join active a on a.segment is not distinct from b.segment and a.cohort = b.cohort and a.period = b.period
  order by b.segment nulls last, b.cohort, b.period
)
select * from final
