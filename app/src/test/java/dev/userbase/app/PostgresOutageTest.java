package dev.userbase.app;

import dev.userbase.persistence.jdbc.TestServer;
import dev.userbase.persistence.postgres.PostgresTestServer;

/** The outage suite through a TCP proxy the test cuts, on PostgreSQL. */
class PostgresOutageTest extends ServerOutageSuite {

  @Override
  TestServer testServer() {
    return PostgresTestServer.get();
  }
}
