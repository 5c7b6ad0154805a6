package dev.userbase.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userbase.domain.StoreUnavailableException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * What a store with a server says when it cannot reach it, or is given a wrong URL. These need no
 * server. Each such store subclasses it.
 */
public abstract class PooledDatabaseContract {

  /** The store's own part. */
  protected abstract ServerStore server();

  /** A URL of this store at host:port, database, with a password in its query. */
  protected abstract String url(String hostAndPort, String database, String password);

  /** A URL of another kind of database. */
  protected abstract String foreignUrl();

  private static PooledSettings settings(String url) {
    return new PooledSettings(url, "bob", "s3cret", null, 2, 2000);
  }

  @Test
  void anUnreachableServerFailsNamingHostAndDatabaseButNotThePassword() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = url("127.0.0.1:" + closedPort, "users", "hunter2");

    assertThatThrownBy(() -> PooledDatabase.open(server(), settings(url), null))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageStartingWith(
            "Cannot use " + server().product() + " database 127.0.0.1:" + closedPort + "/users: ")
        .hasMessageContaining("refused")
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("s3cret"));
  }

  @Test
  void aMissingUrlSaysWhichVariableToSet() {
    assertThatThrownBy(() -> PooledDatabase.open(server(), settings(null), null))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("DATASOURCES_DEFAULT_URL")
        .hasMessageContaining(server().exampleUrl());
  }

  @Test
  void aUrlOfAnotherDatabaseIsRefused() {
    assertThatThrownBy(() -> PooledDatabase.open(server(), settings(foreignUrl()), null))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("not a " + server().product() + " JDBC URL");
  }

  @Test
  void theDescriptionIsHostPortAndDatabase() {
    assertThat(server().describe(url("db.internal:6543", "users", "y")))
        .isEqualTo("db.internal:6543/users");
  }
}
