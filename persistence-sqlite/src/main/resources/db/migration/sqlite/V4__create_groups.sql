-- Groups and their memberships. AUTOINCREMENT: a group's id is never handed out again. The name's
-- search key is unique, so a name is taken ignoring case. Every connection turns foreign keys on
-- (SqliteDatabase): a membership needs a stored group and a stored user, and deleting either
-- deletes its memberships in the same statement. ("groups" is a keyword of window frames.)
CREATE TABLE user_groups (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    name_key    TEXT    NOT NULL UNIQUE,
    description TEXT    CHECK (description IS NULL OR length(description) BETWEEN 1 AND 1000),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1)
) STRICT;

CREATE TABLE memberships (
    group_id INTEGER NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
) STRICT, WITHOUT ROWID;

-- A user's groups, and the cascade from a deleted user, by index.
CREATE INDEX memberships_user ON memberships (user_id, group_id);
