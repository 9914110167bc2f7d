-- metric: day1_retention
-- title: Day-1 retention by signup day
-- summary: For each signup day in [from, to], the users who signed up and the share active on the next day.
-- grain: one row per calendar day in [from, to] (days in tz), zero days included (rate null)
-- params: only the shared ones (from, to, as_of, tz, known_at, signup_event, segment, where, by; see docs/metrics.md; rows lead with the by group, segment)
-- columns:
--   day             date  the signup day in tz
--   cohort_users    int   users whose signup day is this day
--   retained_users  int   of them, users with an activity event on the next day (day + 1)
--   retention_rate  rate  retained_users / cohort_users (null when cohort_users is 0)
--   complete        bool  false when day + 1 is after as_of (the next day is not fully seen)
-- definition:
--   Signup time is a user's earliest signup_event event; the signup day its date in tz.
--   An activity event is any event whose name is not signup_event. A cohort user is
--   retained when an activity event falls on the calendar day after their signup day
--   (in tz, so a 23- or 25-hour day across DST is still one day), before the as_of cut.
-- run: psql -v from=2025-01-01 -v to=2025-01-31 -v tz=UTC -f sql/analytics/day1_retention.sql
\ir defaults.psql

with params as not materialized (
  select * from evtui_params(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'where', :'by')
),

user_group as (
  -- each user's --by group, and the null group's row (evtui_user_group, sql/schema/007_segments.sql)
  select * from evtui_user_group(:'to', :'as_of', :'tz', :'known_at', :'signup_event', :'segment', :'by')
),

cohort as (
  -- users whose signup day (of their earliest signup event seen) is in [from, to], with their
  -- group and the first instants of the day after the signup day and of the day after that
  select c.*, case when p.grouped then s.segment end as segment, evtui_day_start(c.signup_day + 1, p.tz) as day1_start, evtui_day_start(c.signup_day + 2, p.tz) as day1_end
  from evtui_cohort(:'from', :'to', :'as_of', :'tz', :'known_at', :'signup_event') c
  cross join params p
  left join (select distinct on (user_id) * from user_group) s on s.user_id = c.user_id
  where (p.segment_props is null or s.user_id is not null)
),

retained_day1 as (
  -- cohort users with an activity event in the day after their signup day
  select distinct c.user_id
  from cohort c
  join events e on e.user_id = c.user_id and e.event_time >= c.day1_start and e.event_time < c.day1_end
  cross join params p
  where e.event_name <> p.signup_event and e.event_time < p.cut_at and e.ingested_at <= p.known_at
    and evtui_has_properties(e.properties, p.where_props)
),

per_day as (
  select c.segment, c.signup_day as day, count(*) as cohort_users, count(r.user_id) as retained_users
  from cohort c
  left join retained_day1 r using (user_id)
  group by c.segment, c.signup_day
)

-- every day of [from, to] for every group, zero days included
select
  g.segment,
  d.day::date                                           as day,
  coalesce(c.cohort_users, 0)                           as cohort_users,
  coalesce(c.retained_users, 0)                         as retained_users,
  c.retained_users::numeric / nullif(c.cohort_users, 0) as retention_rate,
  d.day::date + 1 <= p.as_of_day                        as complete
from params p
cross join (select distinct segment from user_group) g
cross join generate_series(p.from_day, p.to_day, interval '1 day') as d(day)
left join per_day c on c.segment is not distinct from g.segment and c.day = d.day::date
order by g.segment collate "C" nulls last, 2;
