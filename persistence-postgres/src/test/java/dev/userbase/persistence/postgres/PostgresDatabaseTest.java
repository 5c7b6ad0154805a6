package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.PooledDatabaseContract;
import dev.userbase.persistence.jdbc.ServerStore;

/** What the PostgreSQL store says when it cannot reach its database. These need no server. */
class PostgresDatabaseTest extends PooledDatabaseContract {

  @Override
  protected ServerStore server() {
    return new PostgresStore();
  }

  @Override
  protected String url(String hostAndPort, String database, String password) {
    return "jdbc:postgresql://" + hostAndPort + "/" + database + "?password=" + password;
  }

  @Override
  protected String foreignUrl() {
    return "jdbc:mysql://h/db";
  }
}
