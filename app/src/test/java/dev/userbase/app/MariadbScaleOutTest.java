package dev.userbase.app;

import dev.userbase.persistence.jdbc.TestServer;
import dev.userbase.persistence.mariadb.MariadbTestServer;

/** Two instances on one MariaDB database lose no update. */
class MariadbScaleOutTest extends ScaleOutSuite {

  @Override
  TestServer testServer() {
    return MariadbTestServer.get();
  }
}
