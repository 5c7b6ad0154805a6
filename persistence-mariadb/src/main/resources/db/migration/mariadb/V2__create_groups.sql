-- Groups and their memberships; see the SQLite migration. InnoDB enforces the foreign keys on
-- every connection.
CREATE TABLE user_groups (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    name        VARCHAR(100)  NOT NULL,
    name_key    VARCHAR(400)  NOT NULL,
    description VARCHAR(1000) NULL,
    created_at  DATETIME(3)   NOT NULL,
    updated_at  DATETIME(3)   NOT NULL,
    version     BIGINT        NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT user_groups_name_key UNIQUE (name_key),
    CONSTRAINT user_groups_name_length CHECK (CHAR_LENGTH(name) BETWEEN 1 AND 100),
    CONSTRAINT user_groups_description_length
        CHECK (description IS NULL OR CHAR_LENGTH(description) BETWEEN 1 AND 1000),
    CONSTRAINT user_groups_version_positive CHECK (version >= 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE memberships (
    group_id BIGINT NOT NULL,
    user_id  BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id),
    INDEX memberships_user (user_id, group_id),
    CONSTRAINT memberships_group_fkey FOREIGN KEY (group_id)
        REFERENCES user_groups (id) ON DELETE CASCADE,
    CONSTRAINT memberships_user_fkey FOREIGN KEY (user_id)
        REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
