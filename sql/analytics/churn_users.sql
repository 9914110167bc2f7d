-- metric: churn_users
-- title: Users of one churn status
-- summary: The users of one churn status with their first and last event, days inactive and event count; paged.
-- grain: one row per user of the given status, ordered by days_inactive then user_id, one page
-- params: the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment) and
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
--   Exactly the users churn counts in the given status (same cuts, same bands,
--   evtui_churn_status), so a status's full list has as many users as churn
--   reports. Ignores from/to except that as_of defaults to to.
-- run: psql -v as_of=2025-01-31 -v status=hard_churn -v limit=50 -v offset=0 -f sql/analytics/churn_users.sql
\ir defaults.psql

with params as not materialized (
  select *,
         coalesce(nullif(:'status', ''), 'active')     as status,
         coalesce(nullif(:'limit', '')::bigint, 50)    as page_size,
         coalesce(nullif(:'offset', '')::bigint, 0)    as page_offset
  from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

inactive as (
  -- each user seen up to the end of as_of, with their group, their first and latest
  -- events, how many, and the days from their latest event's day to as_of
  select case when p.grouped then s.segment end as segment, u.*, p.as_of_day - (u.last_seen at time zone p.tz)::date as days_inactive
  from evtui_user_activity(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'where') u
  cross join params p
  left join (select distinct on (user_id) * from user_group) s on s.user_id = u.user_id
  where (p.segment_props is null or s.user_id is not null)
)

-- the users of the status, ordered by group, one page
select i.segment, i.user_id, i.first_seen, i.last_seen, i.days_inactive, i.events
from inactive i, params p
where evtui_churn_status(i.days_inactive) = p.status
order by i.segment collate "C" nulls last, i.days_inactive, i.user_id
limit (select page_size from params) offset (select page_offset from params);
