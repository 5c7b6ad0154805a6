-- An event's row is written once and stamped once, and each index is one more entry to write
-- each time: the feed's cost on every write. Before this, an INSERT wrote three entries (the
-- primary key on id, a NULL in events_position, events_unstamped) and the stamping UPDATE two
-- more (id and position again: an indexed column changed, so the new row version is not HOT).
--
-- Now an INSERT writes one (events_unstamped) and stamping one (events_position). id orders the
-- events still to stamp and finds each of them, through events_unstamped (the stamper's UPDATE
-- says "AND feed_position IS NULL"); nothing else reads by id, so it needs no key of its own. The
-- position is the key: unique, and indexed only once it is set. Readers ask for positions above a
-- number, which the planner knows are not NULL.
ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events DROP CONSTRAINT events_position;
CREATE UNIQUE INDEX events_position ON events (feed_position) WHERE feed_position IS NOT NULL;

-- With no primary key, logical replication of UPDATE and DELETE needs to be told what
-- identifies a row; the whole row does (old rows are only written out in full where wal_level is
-- logical).
ALTER TABLE events REPLICA IDENTITY FULL;
