package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.ServerUserRepositoryContract;

/** The repository contract, on a real MariaDB server, with the feed off. */
class MariadbUserRepositoryFeedOffTest extends ServerUserRepositoryContract {

  MariadbUserRepositoryFeedOffTest() {
    super(MariadbTestServer.get(), false);
  }
}
