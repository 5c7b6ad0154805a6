-- utf8mb4: names in any script, emoji included. utf8mb4_nopad_bin: emails and name keys compare
-- by code point, exactly as on the other stores: no case or accent folding, and no padding, so
-- 'a' and 'a ' are two emails. DATETIME(3) holds UTC (the pool's session time zone), to the
-- millisecond. AUTO_INCREMENT is kept across restarts by InnoDB (MariaDB 10.2.4 and later), so a
-- deleted user's id is never handed out again. MariaDB names every primary key PRIMARY.
CREATE TABLE users (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    name       VARCHAR(200)  NOT NULL,
    name_key   VARCHAR(400)  NOT NULL,
    email      VARCHAR(254)  NULL,
    created_at DATETIME(3)   NOT NULL,
    updated_at DATETIME(3)   NOT NULL,
    version    BIGINT        NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_name_length CHECK (CHAR_LENGTH(name) BETWEEN 1 AND 200),
    CONSTRAINT users_version_positive CHECK (version >= 1),
    INDEX users_name_key (name_key, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
