package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.PoolTimeoutContract;
import dev.userbase.persistence.jdbc.TestServer;

/** The pool-timeout contract on a real MariaDB server. */
class MariadbPoolTimeoutTest extends PoolTimeoutContract {

  @Override
  protected TestServer server() {
    return MariadbTestServer.get();
  }
}
