package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.ServerUserRepositoryContract;

/** The repository contract, on a real PostgreSQL server, with the feed on. */
class PostgresUserRepositoryTest extends ServerUserRepositoryContract {

  PostgresUserRepositoryTest() {
    super(PostgresTestServer.get(), true);
  }
}
