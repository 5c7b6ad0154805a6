package dev.userbase.app;

import dev.userbase.persistence.jdbc.TestServer;
import dev.userbase.persistence.postgres.PostgresTestServer;

/** A PostgreSQL schema of its own for each test class that implements it. */
public interface PostgresTestDatabase extends ServerTestDatabase {

  @Override
  default TestServer testServer() {
    return PostgresTestServer.get();
  }
}
