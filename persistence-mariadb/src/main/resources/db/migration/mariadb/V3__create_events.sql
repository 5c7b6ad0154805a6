-- The change feed's outbox; see the PostgreSQL migration. InnoDB keeps NULLs in a unique index,
-- and the index on feed_position finds the events still to stamp (feed_position IS NULL).
CREATE TABLE events (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    feed_position BIGINT       NULL,
    kind          VARCHAR(40)  NOT NULL,
    changed_at    BIGINT       NOT NULL,
    resource_id   VARCHAR(60)  NULL,
    version       BIGINT       NULL,
    payload       TEXT         NULL,
    PRIMARY KEY (id),
    CONSTRAINT events_position UNIQUE (feed_position)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE feed_head (
    id     INT    NOT NULL,
    pruned BIGINT NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT feed_head_one CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

INSERT INTO feed_head (id, pruned) VALUES (1, 0);
