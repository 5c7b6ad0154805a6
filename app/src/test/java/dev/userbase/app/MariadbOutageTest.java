package dev.userbase.app;

import dev.userbase.persistence.jdbc.TestServer;
import dev.userbase.persistence.mariadb.MariadbTestServer;

/** The outage suite through a TCP proxy the test cuts, on MariaDB. */
class MariadbOutageTest extends ServerOutageSuite {

  @Override
  TestServer testServer() {
    return MariadbTestServer.get();
  }
}
