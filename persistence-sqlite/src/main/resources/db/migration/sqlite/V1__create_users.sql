-- AUTOINCREMENT: an id is never handed out again, even after its user is deleted.
-- STRICT: SQLite rejects a value of the wrong type instead of storing it.
CREATE TABLE users (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email      TEXT    UNIQUE CHECK (email IS NULL OR length(email) <= 254),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1)
) STRICT;
