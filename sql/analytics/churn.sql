-- metric: churn
-- title: Churn status
-- summary: Every user seen up to as_of, by days since their latest event: active, soft_churn, churned, hard_churn.
-- grain: four rows, always, in the order active, soft_churn, churned, hard_churn (zero rows included)
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where; see docs/metrics.md)
-- columns:
--   status  text  active (< 7 days inactive), soft_churn (7-13), churned (14-29), hard_churn (>= 30)
--   users   int   users in that status
--   share   rate  users / all users with any event on or before as_of (null when there are none)
-- definition:
--   The users are everyone with any event (signup included, with or without a signup)
--   on or before as_of. days_inactive = as_of - the day, in tz, of their latest such
--   event; the bands are evtui_churn_status (sql/schema/003_metric_layer.sql).
--   from and to are not used, except that as_of defaults to to.
-- run: psql -v as_of=2025-01-31 -v tz=UTC -f sql/analytics/churn.sql
\ir defaults.psql

with params as not materialized (
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where')
),

days_inactive as (
  -- each user seen up to the end of as_of, with their group: the days from their latest event's day to as_of
  select u.segment, p.as_of_day - (u.last_seen at time zone p.tz)::date as days_inactive
  from evtui_user_activity(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by') u, params p
),

counts as (
  select segment, evtui_churn_status(days_inactive) as status, count(*) as users
  from days_inactive
  group by 1, 2
),

statuses (ord, status) as (
  values (1, 'active'), (2, 'soft_churn'), (3, 'churned'), (4, 'hard_churn')
)

-- the four statuses for every group, zero rows included; share of the group's users
select g.segment, s.status, coalesce(c.users, 0) as users,
       coalesce(c.users, 0)::numeric / nullif(sum(c.users) over (partition by g.segment), 0) as share
from evtui_segment_groups(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by') g
cross join statuses s
left join counts c on c.segment is not distinct from g.segment and c.status = s.status
order by g.segment collate "C" nulls last, s.ord;
