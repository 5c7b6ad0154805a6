-- The change feed's outbox: each change writes its events in its own transaction. The single
-- writer serialises every transaction, so the id (AUTOINCREMENT: never handed out again, and
-- rolled back with its change) is the event's position: in commit order, with no gap.
-- changed_at is epoch milliseconds. feed_head keeps the last position retention has deleted.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    feed_position INTEGER GENERATED ALWAYS AS (id) VIRTUAL,
    kind          TEXT    NOT NULL,
    changed_at    INTEGER NOT NULL,
    resource_id   TEXT,
    version       INTEGER,
    payload       TEXT
) STRICT;

CREATE UNIQUE INDEX events_position ON events (feed_position);

CREATE TABLE feed_head (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    pruned INTEGER NOT NULL
) STRICT;

INSERT INTO feed_head (id, pruned) VALUES (1, 0);
