package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.ServerUserRepositoryContract;

/** The repository contract, on a real PostgreSQL server, with the feed off. */
class PostgresUserRepositoryFeedOffTest extends ServerUserRepositoryContract {

  PostgresUserRepositoryFeedOffTest() {
    super(PostgresTestServer.get(), false);
  }
}
