package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.PoolTimeoutContract;
import dev.userbase.persistence.jdbc.TestServer;

/** The pool-timeout contract on a real PostgreSQL server. */
class PostgresPoolTimeoutTest extends PoolTimeoutContract {

  @Override
  protected TestServer server() {
    return PostgresTestServer.get();
  }
}
