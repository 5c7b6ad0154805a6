-- The events still to stamp, found through an index of their own. Through events_position the
-- planner often will not: on a table whose statistics lag behind (a new one, or one that grew
-- since the last ANALYZE) it walks the primary key over every stamped event to find the first
-- unstamped one, 70 ms at 100,000 events, on every stamping. This index holds only the events
-- without a position, a few at a time once vacuum has passed.
CREATE INDEX events_unstamped ON events (id) WHERE feed_position IS NULL;
