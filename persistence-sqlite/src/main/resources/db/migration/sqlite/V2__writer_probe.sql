-- The health check's probe writes here (a row added and removed in one transaction) to learn
-- whether the file can take a write now, without touching any user.
CREATE TABLE writer_probe (
    id     INTEGER PRIMARY KEY,
    filler BLOB NOT NULL
) STRICT;
