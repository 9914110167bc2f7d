-- metric: churn_users
-- title: Users of one churn status
-- summary: The users of one churn status with their first and last event, days inactive and event count; paged.
-- grain: one row per user of the given status, ordered by days_inactive then user_id, one page
-- params: the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where; see docs/metrics.md) and
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
  from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where')
),

latest_event as (
  -- each user's latest event seen up to the end of as_of
  select e.user_id, max(e.event_time) as last_at
  from events e, params p
  where e.event_time < p.cut_at and e.ingested_at <= p.known_at
    and evtui_has_properties(e.properties, p.where_props)
    and (p.segment_props is null or e.user_id in (select user_id from evtui_segment_users(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment')))
  group by e.user_id
),

in_status as (
  select l.user_id, l.last_at, p.as_of_day - (l.last_at at time zone p.tz)::date as days_inactive
  from latest_event l, params p
  where evtui_churn_status(p.as_of_day - (l.last_at at time zone p.tz)::date) = p.status
),

page as (
  -- the page is chosen first, so first_seen and events are read for its users alone
  select i.*
  from in_status i, params p
  order by i.days_inactive, i.user_id
  limit (select page_size from params) offset (select page_offset from params)
),

page_details as (
  select g.user_id, min(e.event_time) as first_seen, count(*) as events
  from page g
  join events e on e.user_id = g.user_id
  cross join params p
  where e.event_time < p.cut_at and e.ingested_at <= p.known_at
    and evtui_has_properties(e.properties, p.where_props)
  group by g.user_id
)

select g.user_id, d.first_seen, g.last_at as last_seen, g.days_inactive, d.events
from page g
join page_details d using (user_id)
order by g.days_inactive, g.user_id;
