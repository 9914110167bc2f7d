-- lifecycle, segmented: one row per (group, period, status), zero rows
-- included, as test/bench/duckdb/lifecycle.sql over the counted events.
user_period as (
  select distinct g.segment, e.user_id, date_trunc($granularity, e.day)::date as period
  from seen e join user_group g using (user_id)
  where e.counted
),
first_period as (
  select user_id, min(period) as first from user_period group by user_id
),
report_period as (
  select p.period, (p.period - ('1 ' || $granularity)::interval)::date as previous
  from (
    select unnest(generate_series(date_trunc($granularity, $from::date), date_trunc($granularity, $to::date),
                                  ('1 ' || $granularity)::interval))::date as period
  ) p
  where p.period <= $as_of::date
),
user_in_period as (
  select r.period, u.segment, u.user_id,
         bool_or(u.period = r.period) as active, bool_or(u.period = r.previous) as active_before
  from report_period r join user_period u on u.period = r.period or u.period = r.previous
  group by r.period, u.segment, u.user_id
),
labelled as (
  select u.segment, u.period,
         case when u.active and u.period = f.first then 'new'
              when u.active and u.active_before then 'returning'
              when u.active then 'resurrecting'
              else 'dormant' end as status
  from user_in_period u join first_period f using (user_id)
),
counts as (select segment, period, status, count(*) as users from labelled group by segment, period, status),
statuses as (
  select * from (values (1, 'new'), (2, 'returning'), (3, 'resurrecting'), (4, 'dormant')) t(ord, status)
),
final as (
  select g.segment, strftime(r.period, '%Y-%m-%d') as period, s.status, coalesce(c.users, 0) as users
  from groups g cross join report_period r cross join statuses s
  left join counts c on c.segment is not distinct from g.segment and c.period = r.period and c.status = s.status
  order by g.segment nulls last, r.period, s.ord
)
select * from final
