package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.ServerUserRepositoryContract;

/** The repository contract, on a real MariaDB server, with the feed on. */
class MariadbUserRepositoryTest extends ServerUserRepositoryContract {

  MariadbUserRepositoryTest() {
    super(MariadbTestServer.get(), true);
  }
}
