-- An event waiting for its position has 0 there instead of NULL. InnoDB leaves a NULL column out
-- of the row, so stamping one changed the row's length, and InnoDB deleted and wrote the whole
-- row again, its payload with it: the stamping UPDATE was most of the redo log a write made with
-- the feed on (about 2.6 KB a write, against 0.4 KB with the feed off). A BIGINT that changes
-- from 0 to a position is changed in place.
--
-- The index is no longer unique (the waiting events share 0). One stamping transaction at a time
-- gives each position once (it locks feed_head first), and readers ask for positions above a
-- number, which never meets 0. The events still to stamp are found on it as before.
--
-- The writers name no feed_position, so an instance of the version before this one, still running
-- while another migrates, writes its events with the default, 0, and they are stamped.
ALTER TABLE events DROP INDEX events_position;
UPDATE events SET feed_position = 0 WHERE feed_position IS NULL;
ALTER TABLE events
    MODIFY feed_position BIGINT NOT NULL DEFAULT 0,
    ADD INDEX events_position (feed_position);
