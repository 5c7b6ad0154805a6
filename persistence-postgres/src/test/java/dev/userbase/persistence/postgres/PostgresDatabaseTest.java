package dev.userbase.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userbase.domain.StoreUnavailableException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** What the adapter says when it cannot reach its database. These need no server. */
class PostgresDatabaseTest {

  @Test
  void anUnreachableServerFailsNamingHostAndDatabaseButNotThePassword() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    PostgresSettings settings = new PostgresSettings(
        "jdbc:postgresql://127.0.0.1:" + closedPort + "/users?password=hunter2",
        "bob",
        "s3cret",
        null,
        2,
        2000);

    assertThatThrownBy(() -> PostgresDatabase.open(settings))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageStartingWith(
            "Cannot use PostgreSQL database 127.0.0.1:" + closedPort + "/users: ")
        .hasMessageContaining("refused")
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("s3cret"));
  }

  @Test
  void aMissingUrlSaysWhichVariableToSet() {
    assertThatThrownBy(
            () -> PostgresDatabase.open(new PostgresSettings(null, null, null, null, 2, 2000)))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("DATASOURCES_DEFAULT_URL");
  }

  @Test
  void aUrlOfAnotherDatabaseIsRefused() {
    assertThatThrownBy(() -> PostgresDatabase.open(
            new PostgresSettings("jdbc:mysql://h/db", null, null, null, 2, 2000)))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("not a PostgreSQL JDBC URL");
  }

  @Test
  void theDescriptionIsHostPortAndDatabase() {
    assertThat(
            PostgresDatabase.describe("jdbc:postgresql://db.internal:6543/users?user=x&password=y"))
        .isEqualTo("db.internal:6543/users");
    assertThat(PostgresDatabase.describe("jdbc:postgresql:///users"))
        .isEqualTo("localhost:5432/users");
  }
}
