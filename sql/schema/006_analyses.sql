-- 006_analyses: what the funnel over named steps (sql/analytics/funnel.sql)
-- needs beyond the metric layer of 003: its lists of event names, and the walk
-- of one user's events from each entry through the steps.

-- A list of event names as a metric file receives it: a JSON array text
-- ('["signup","page_view"]', as evtui binds it), or names separated by commas
-- for psql ('signup,page_view'); '' is the empty list. The list must hold
-- min_count to max_count names of 1 to 128 characters, else the query stops
-- with a message naming what it got. Immutable, so a constant list is read
-- once, when the query is planned.
create or replace function evtui_event_names(list text, what text, min_count int, max_count int) returns text[]
language plpgsql immutable
as $$
declare
  names text[];
begin
  if coalesce(list, '') = '' then
    names := '{}';
  elsif left(ltrim(list), 1) = '[' then
    select coalesce(array_agg(n order by i), '{}') into names from jsonb_array_elements_text(list::jsonb) with ordinality as x(n, i);
  else
    names := string_to_array(list, ',');
  end if;
  if cardinality(names) < min_count or cardinality(names) > max_count then
    raise exception '% must name % to % events (got %: %)', what, min_count, max_count, cardinality(names), list
      using errcode = 'invalid_parameter_value';
  end if;
  if exists (select 1 from unnest(names) n where length(n) not between 1 and 128) then
    raise exception '% must name events of 1 to 128 characters (got %)', what, list
      using errcode = 'invalid_parameter_value';
  end if;
  return names;
end
$$;

-- The funnel of SPEC §5 for one user, from their events named as a step or an
-- exclusion (names and times in the order of (event_time, event_name)): each
-- step-1 event in [entry_from, entry_to) is an entry; from it, step k is
-- reached by the earliest step-k event not already used for an earlier step,
-- at or after the instant step k-1 was reached and at most window_length
-- after the entry (the boundary instant counts). An entry in which an
-- excluded event occurs after the entry and before the last step it reached
-- is dropped. Returns the instants at which the entry reaching furthest (the
-- earliest on ties) reached steps 1, 2, ...; null when no entry is left.
-- Events at one instant may come in either order: the search for a step
-- starts from the first event at the instant it searches from, so what it
-- returns does not depend on their order, and the metric orders them by name,
-- which its (user_id, event_time) index holds.
-- Its arguments are one user's rows, so on Citus it runs on the shards.
create or replace function evtui_funnel_walk(
  steps text[], exclude text[], window_length interval, entry_from timestamptz, entry_to timestamptz,
  names text[], times timestamptz[]) returns timestamptz[]
language plpgsql immutable parallel safe
as $$
declare
  n int := cardinality(names);
  best timestamptz[];
  reached timestamptz[];
  used int[];
  found int;
  j int;
begin
  for i in 1 .. n loop
    continue when names[i] <> steps[1] or times[i] < entry_from or times[i] >= entry_to;
    reached := array[times[i]];
    used := array[i];
    for k in 2 .. cardinality(steps) loop
      -- events tied with the last step's instant may stand before it in the order
      j := used[k - 1];
      while j > 1 and times[j - 1] = times[j] loop
        j := j - 1;
      end loop;
      found := null;
      while j <= n and times[j] <= times[i] + window_length loop
        if names[j] = steps[k] and times[j] >= reached[k - 1] and not j = any(used) then
          found := j;
          exit;
        end if;
        j := j + 1;
      end loop;
      exit when found is null;
      reached := reached || times[found];
      used := used || found;
    end loop;
    if cardinality(exclude) > 0 then
      j := i + 1;
      while j <= n and times[j] < reached[cardinality(reached)] loop
        exit when times[j] > times[i] and names[j] = any(exclude);
        j := j + 1;
      end loop;
      continue when j <= n and times[j] < reached[cardinality(reached)];
    end if;
    if best is null or cardinality(reached) > cardinality(best) then
      best := reached;
    end if;
    exit when cardinality(best) = cardinality(steps);
  end loop;
  return best;
end
$$;
