package dev.userbase.persistence.mariadb;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.persistence.jdbc.PooledDatabase;
import dev.userbase.persistence.jdbc.PooledDatabaseContract;
import dev.userbase.persistence.jdbc.PooledSettings;
import dev.userbase.persistence.jdbc.ServerStore;
import org.junit.jupiter.api.Test;

/** What the MariaDB store says when it cannot reach its database. These need no server. */
class MariadbDatabaseTest extends PooledDatabaseContract {

  @Override
  protected ServerStore server() {
    return new MariadbStore();
  }

  @Override
  protected String url(String hostAndPort, String database, String password) {
    return "jdbc:mariadb://" + hostAndPort + "/" + database + "?password=" + password;
  }

  @Override
  protected String foreignUrl() {
    return "jdbc:postgresql://h/db";
  }

  @Test
  void aSchemaSettingIsRefusedNamingTheUrlInstead() {
    PooledSettings settings =
        new PooledSettings("jdbc:mariadb://127.0.0.1:1/users", null, null, "other", 2, 2000);

    assertThatThrownBy(() -> PooledDatabase.open(new MariadbStore(), settings, null))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("name the database in the URL");
  }
}
