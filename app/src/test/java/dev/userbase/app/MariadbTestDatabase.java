package dev.userbase.app;

import dev.userbase.persistence.jdbc.TestServer;
import dev.userbase.persistence.mariadb.MariadbTestServer;

/** A MariaDB database of its own for each test class that implements it. */
public interface MariadbTestDatabase extends ServerTestDatabase {

  @Override
  default TestServer testServer() {
    return MariadbTestServer.get();
  }
}
