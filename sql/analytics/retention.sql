-- metric: retention
-- title: Retention
-- summary: Of the users who signed up in [from, to], the share with an activity event on a later day, up to as_of.
-- grain: one row
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment)
-- columns:
--   cohort_users    int   users whose signup day is in [from, to]
--   retained_users  int   of them, users with an activity event on a day after their signup day, up to as_of
--   retention_rate  rate  retained_users / cohort_users, a fraction from 0 to 1 (null when the cohort is empty)
-- definition:
--   Signup time is a user's earliest signup_event event; the signup day its date in tz.
--   An activity event is any event whose name is not signup_event. A cohort user is
--   retained when they have an activity event whose day (in tz) is after their signup
--   day and not after as_of. Activity on the signup day itself does not retain.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v as_of=2025-02-28 -v tz=UTC -f sql/analytics/retention.sql
\ir defaults.psql

with params as not materialized (
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

cohort as (
  -- users whose signup day (of their earliest signup event seen) is in [from, to], with their group
  select c.*, case when p.grouped then s.segment end as segment
  from evtui_cohort(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event') c
  cross join params p
  left join (select distinct on (user_id) * from user_group) s on s.user_id = c.user_id
  where (p.segment_props is null or s.user_id is not null)
),

retained as (
  -- cohort users with an activity event from the day after their signup day on
  select distinct c.user_id
  from cohort c
  join events e on e.user_id = c.user_id
  cross join params p
  where e.event_name <> p.signup_event
    and e.event_time >= evtui_day_start(c.signup_day + 1, p.tz)
    and e.event_time < p.cut_at and e.ingested_at <= p.known_at
    and evtui_has_properties(e.properties, p.where_props)
),

per_group as (
  select c.segment, count(*) as cohort_users, count(r.user_id) as retained_users
  from cohort c
  left join retained r using (user_id)
  group by c.segment
)

-- one row for every group, an empty cohort included
select g.segment,
       coalesce(t.cohort_users, 0)                           as cohort_users,
       coalesce(t.retained_users, 0)                         as retained_users,
       t.retained_users::numeric / nullif(t.cohort_users, 0) as retention_rate
from (select distinct segment from user_group) g
left join per_group t on t.segment is not distinct from g.segment
order by g.segment collate "C" nulls last;
