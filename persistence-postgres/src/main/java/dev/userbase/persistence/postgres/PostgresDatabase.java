package dev.userbase.persistence.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.userbase.domain.StoreUnavailableException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PostgreSQL server: an ordinary pool, migrated before first use. */
final class PostgresDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

  private final HikariDataSource pool;
  private final String where;

  private PostgresDatabase(HikariDataSource pool, String where) {
    this.pool = pool;
    this.where = where;
  }

  /**
   * Connects, applies the migrations and opens the pool.
   *
   * @throws StoreUnavailableException naming the host and database and the reason, never the
   *     password
   */
  static PostgresDatabase open(PostgresSettings settings) {
    return open(settings, null);
  }

  /** As {@link #open(PostgresSettings)}, with the pool reporting to {@code poolMetrics} if given. */
  static PostgresDatabase open(PostgresSettings settings, MetricsTrackerFactory poolMetrics) {
    if (settings.url() == null || settings.url().isBlank()) {
      throw new StoreUnavailableException(
          "Cannot use PostgreSQL: no database URL; set DATASOURCES_DEFAULT_URL, such as"
              + " jdbc:postgresql://127.0.0.1:5432/userbase",
          null);
    }
    String where = describe(settings.url());
    HikariConfig config = new HikariConfig();
    config.setPoolName("userbase-postgres");
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.username());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.maximumPoolSize());
    config.setConnectionTimeout(settings.connectionTimeout());
    // A server that stops answering without closing the connection must not hold a request
    // forever: the driver gives up on a silent socket (seconds; a URL parameter overrides).
    config.addDataSourceProperty("socketTimeout", "30");
    config.addDataSourceProperty("connectTimeout", "5");
    if (settings.schema() != null) {
      config.setSchema(settings.schema());
    }
    if (poolMetrics != null) {
      config.setMetricsTrackerFactory(poolMetrics);
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw unavailable(where, e);
    }
    try {
      migrate(pool, settings.schema());
    } catch (FlywayException e) {
      pool.close();
      throw unavailable(where, e);
    }
    LOG.info(
        "PostgreSQL database {} (user={}, schema={}, pool={})",
        where,
        settings.username(),
        settings.schema() == null ? "default" : settings.schema(),
        settings.maximumPoolSize());
    return new PostgresDatabase(pool, where);
  }

  DataSource dataSource() {
    return pool;
  }

  /** host:port/database, never the password. */
  String where() {
    return where;
  }

  /** The pool's counters, or null before the pool has started. */
  HikariPoolMXBean pool() {
    return pool.getHikariPoolMXBean();
  }

  @Override
  public void close() {
    pool.close();
  }

  static void migrate(DataSource dataSource, String schema) {
    var flyway = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/postgres")
        .javaMigrations(new V2__name_search_key());
    if (schema != null) {
      flyway.schemas(schema);
    }
    flyway.load().migrate();
  }

  /** host:port/database as the driver reads the URL; the URL itself may hold a password. */
  static String describe(String url) {
    Properties parsed = Driver.parseURL(url, new Properties());
    if (parsed == null) {
      throw new StoreUnavailableException(
          "Cannot use PostgreSQL: the URL is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)",
          null);
    }
    return orDefault(parsed.getProperty("PGHOST"), "localhost")
        + ":"
        + orDefault(parsed.getProperty("PGPORT"), "5432")
        + "/"
        + orDefault(parsed.getProperty("PGDBNAME"), "");
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static StoreUnavailableException unavailable(String where, Throwable e) {
    return new StoreUnavailableException(
        "Cannot use PostgreSQL database " + where + ": " + reason(e), e);
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }
}
