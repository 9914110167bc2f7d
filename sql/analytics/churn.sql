-- metric: churn
-- title: Churn status
-- summary: Every user seen up to as_of, by days since their latest event: active, soft_churn, churned, hard_churn.
-- grain: four rows, always, in the order active, soft_churn, churned, hard_churn (zero rows included)
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment)
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
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

days_inactive as (
  -- each user seen up to the end of as_of, with their group: the days from their latest event's day to as_of
  select case when p.grouped then s.segment end as segment, p.as_of_day - (u.last_seen at time zone p.tz)::date as days_inactive
  from evtui_user_activity(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'where') u
  cross join params p
  left join (select distinct on (user_id) * from user_group) s on s.user_id = u.user_id
  where (p.segment_props is null or s.user_id is not null)
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
from (select distinct segment from user_group) g
cross join statuses s
left join counts c on c.segment is not distinct from g.segment and c.status = s.status
order by g.segment collate "C" nulls last, s.ord;
