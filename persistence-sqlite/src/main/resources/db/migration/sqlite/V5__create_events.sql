-- The change feed's outbox: each change writes its events in its own transaction. The single
-- writer serialises every transaction, so the id (the rowid: the largest plus one, taken back
-- with a rolled-back change) is the event's position: in commit order, with no gap. Retention
-- never deletes the newest event, so no id is handed out twice; and an event costs one append to
-- one b-tree (no AUTOINCREMENT, whose counter would be a second write). feed_position exists for the
-- stores that stamp positions after commit; here it stays NULL. changed_at is epoch milliseconds.
-- feed_head keeps the last position retention has deleted.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    feed_position INTEGER,
    kind          TEXT    NOT NULL,
    changed_at    INTEGER NOT NULL,
    resource_id   TEXT,
    version       INTEGER,
    payload       TEXT
) STRICT;

CREATE TABLE feed_head (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    pruned INTEGER NOT NULL
) STRICT;

INSERT INTO feed_head (id, pruned) VALUES (1, 0);
