package dev.userbase.app;

import dev.userbase.persistence.jdbc.TestServer;
import dev.userbase.persistence.postgres.PostgresTestServer;

/** Two instances on one PostgreSQL database lose no update. */
class PostgresScaleOutTest extends ScaleOutSuite {

  @Override
  TestServer testServer() {
    return PostgresTestServer.get();
  }
}
