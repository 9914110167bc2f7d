-- 006_deferred_indexes: the secondary indexes of events that a bulk load into
-- an empty embedded database dropped, to build them once at its end (sorting
-- the rows once is faster than inserting each into three B-trees; PostgreSQL's
-- own advice for populating a new table). A row here means "not built yet":
-- evtui builds every index listed, then deletes its row, whenever it opens the
-- database, so a load killed half-way leaves no index missing for long.
create table if not exists evtui_deferred_indexes (
  name       text primary key,
  definition text not null
);
