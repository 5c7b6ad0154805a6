package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.UserTransferContract;
import java.util.Map;

/** The transfer contract on a real MariaDB server, in a fresh database per test. */
class MariadbTransferTest extends UserTransferContract {

  private final MariadbTestServer server = MariadbTestServer.get();
  private final String database = server.newDatabase();

  @Override
  protected Map<String, Object> newStore() {
    return server.properties(database);
  }

  @Override
  protected void dropStore() {
    server.dropDatabase(database);
  }
}
