package dev.userbase.persistence.postgres;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.userbase.domain.StoreHealth;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health of the PostgreSQL store: the pool hands out a connection that answers, in bounded time.
 * Details: the server, and the pool's connections in use, idle and awaited.
 */
@Singleton
@Requires(property = "userbase.store", value = "postgres")
public final class PostgresStoreHealth implements StoreHealth {

  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final PostgresDatabase database;

  PostgresStoreHealth(PostgresDatabase database) {
    this.database = database;
  }

  @Override
  public Status check() {
    String problem;
    try (Connection connection = database.dataSource().getConnection()) {
      problem = connection.isValid(VALIDATION_TIMEOUT_SECONDS)
          ? null
          : "PostgreSQL connection did not answer";
    } catch (SQLException | RuntimeException e) {
      problem = "PostgreSQL connection failed: " + PostgresFaults.describe(e);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("server", database.where());
    HikariPoolMXBean pool = database.pool();
    if (pool != null) {
      details.put("activeConnections", pool.getActiveConnections());
      details.put("idleConnections", pool.getIdleConnections());
      details.put("awaitingConnection", pool.getThreadsAwaitingConnection());
    }
    return new Status(problem, details);
  }
}
