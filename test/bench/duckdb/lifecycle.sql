-- lifecycle: one row per (period, status) for each granularity period (day,
-- week from Monday, month) from the one holding from to the one holding to,
-- none starting after as_of; statuses new, returning, resurrecting, dormant in
-- this order, zero rows included. A user is active in a period with an event
-- (any name) in it, seen by as_of and known_at; their first period holds their
-- earliest such event. new: active, first period; returning: active, and
-- active in the previous period; resurrecting: active, not in the previous
-- period, not new; dormant: active in the previous period, not in this one.
with seen as (
  select user_id, (event_time at time zone $tz)::date as day
  from events
  where ingested_at <= $known_at::timestamptz
    and (event_time at time zone $tz)::date <= $as_of::date
),
user_period as (
  select distinct user_id, date_trunc($granularity, day)::date as period from seen
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
  -- the users active in a reported period or in the one before it
  select r.period, u.user_id,
         bool_or(u.period = r.period) as active, bool_or(u.period = r.previous) as active_before
  from report_period r join user_period u on u.period = r.period or u.period = r.previous
  group by r.period, u.user_id
),
labelled as (
  select u.period,
         case when u.active and u.period = f.first then 'new'
              when u.active and u.active_before then 'returning'
              when u.active then 'resurrecting'
              else 'dormant' end as status
  from user_in_period u join first_period f using (user_id)
),
counts as (select period, status, count(*) as users from labelled group by period, status),
statuses as (
  select * from (values (1, 'new'), (2, 'returning'), (3, 'resurrecting'), (4, 'dormant')) t(ord, status)
),
final as (
  select strftime(r.period, '%Y-%m-%d') as period, s.status, coalesce(c.users, 0) as users
  from report_period r cross join statuses s
  left join counts c on c.period = r.period and c.status = s.status
  order by r.period, s.ord
)
select * from final
