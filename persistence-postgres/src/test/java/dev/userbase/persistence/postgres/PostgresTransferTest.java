package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.UserTransferContract;
import java.util.Map;

/** The transfer contract on a real PostgreSQL server, in a fresh schema per test. */
class PostgresTransferTest extends UserTransferContract {

  private final PostgresTestServer server = PostgresTestServer.get();
  private final String schema = server.newDatabase();

  @Override
  protected Map<String, Object> newStore() {
    return server.properties(schema);
  }

  @Override
  protected void dropStore() {
    server.dropDatabase(schema);
  }
}
