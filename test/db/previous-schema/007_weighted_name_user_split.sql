-- 007_weighted_name_user_split: events_by_name's two halves cut where their
-- work, not their counted events, is equal. Each half reads every entry of its
-- (event_name, user_id) range of the index, and only those inside the window
-- are then grouped: an entry outside the window costs its read, one inside
-- the read and the grouping, about twice as much (10M events, one process:
-- reading all 10.3M entries 716 ms, grouping the 7.2M inside a 30-day window
-- 1,025 ms more). The median of the window's events alone (005) gave one half
-- 5.9M entries to read and the other 4.4M, and the query waited for the
-- first (1,554 against 1,302 ms under EXPLAIN ANALYZE). So every sampled
-- event counts, those in the window twice: the 30-day window at 10M ran
-- 0.94x the time, the 90-day one (every event inside, the same cut) as before.
create or replace function evtui_name_user_split(from_at timestamptz, to_at timestamptz)
returns text[]
language sql stable parallel safe
as $$
  select coalesce((
    select array[split_part(w.k, chr(1), 1), substr(w.k, strpos(w.k, chr(1)) + 1)]
    from (
      select s.k, sum(s.w) over (order by s.k rows unbounded preceding) as below, sum(s.w) over () as total
      from (
        select e.event_name || chr(1) || e.user_id as k,
               case when e.event_time >= from_at and e.event_time < to_at then 2 else 1 end as w
        from events e tablesample system (evtui_sample_percent()) repeatable (0)
      ) s
    ) w
    where 2 * w.below >= w.total
    order by w.k
    limit 1), array['', ''])
$$;
