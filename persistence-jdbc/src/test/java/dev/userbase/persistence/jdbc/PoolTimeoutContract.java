package dev.userbase.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An exhausted pool, on a real server: with every connection held, a read and a write each wait
 * the pool's connection timeout and then fail as the store's fault (503, {@code pool-timeout}),
 * naming the pool; nothing is written, and the next call after a connection is free succeeds.
 */
public abstract class PoolTimeoutContract {

  private ApplicationContext context;
  private String database;

  /** The server the test runs on. */
  protected abstract TestServer server();

  @AfterEach
  void tearDown() {
    if (context != null) {
      context.close();
      server().dropDatabase(database);
    }
  }

  @Test
  void aCallThatGetsNoConnectionInTimeIs503PoolTimeoutAndWritesNothing() throws Exception {
    database = server().newDatabase();
    Map<String, Object> properties = new HashMap<>(server().properties(database));
    // Two: Flyway needs both at start.
    properties.put("datasources.default.maximum-pool-size", 2);
    properties.put("datasources.default.connection-timeout", 250);
    context = ApplicationContext.run(properties);
    UserRepository users = context.getBean(UserRepository.class);
    User stored = users.insert(User.create(UserName.of("Stored"), null, Clock.systemUTC()));

    DataSource pool = context.getBean(PooledDatabase.class).dataSource();
    try (Connection held = pool.getConnection();
        Connection alsoHeld = pool.getConnection()) {
      assertThat(held.isValid(1) && alsoHeld.isValid(1)).isTrue();
      assertThatThrownBy(() -> users.findById(stored.id()))
          .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
            assertThat(e.code()).isEqualTo("pool-timeout");
            assertThat(e.getMessage()).contains("userbase-" + server().store());
          });
      assertThatThrownBy(
              () -> users.insert(User.create(UserName.of("Waiting"), null, Clock.systemUTC())))
          .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
            assertThat(e.code()).isEqualTo("pool-timeout");
            assertThat(e.mayHaveWritten()).isFalse();
          });
    }

    assertThat(users.findById(stored.id())).isPresent();
    assertThat(users.list(0, Optional.empty(), 10))
        .extracting(user -> user.name().value())
        .containsExactly("Stored");
  }
}
