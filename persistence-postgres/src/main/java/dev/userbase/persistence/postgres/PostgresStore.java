package dev.userbase.persistence.postgres;

import com.zaxxer.hikari.HikariConfig;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.persistence.jdbc.JdbcTransfer;
import dev.userbase.persistence.jdbc.JdbcUserRepository;
import dev.userbase.persistence.jdbc.PooledSettings;
import dev.userbase.persistence.jdbc.ServerStore;
import java.sql.Connection;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.Driver;

/**
 * The PostgreSQL store, {@code userbase.store=postgres}: its URLs, its driver's settings, its
 * migrations.
 */
public final class PostgresStore extends ServerStore {

  static final String NAME = "postgres";

  public PostgresStore() {
    super(
        NAME,
        "PostgreSQL",
        "jdbc:postgresql://127.0.0.1:5432/userbase",
        "pg_dump to back up, pg_restore to restore",
        PostgresFaults.INSTANCE);
  }

  @Override
  public String describe(String url) {
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

  @Override
  public void configure(HikariConfig config, PooledSettings settings) {
    // A server that stops answering without closing the connection must not hold a request
    // forever: the driver gives up on a silent socket (seconds; a URL parameter overrides).
    config.addDataSourceProperty("socketTimeout", "30");
    config.addDataSourceProperty("connectTimeout", "5");
    // An import's batches go as multi-row INSERTs.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    if (settings.schema() != null) {
      config.setSchema(settings.schema());
    }
  }

  @Override
  public void migrate(DataSource dataSource, PooledSettings settings) {
    var flyway = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/postgres")
        .javaMigrations(new V2__name_search_key());
    if (settings.schema() != null) {
      flyway.schemas(settings.schema());
    }
    flyway.load().migrate();
  }

  @Override
  protected JdbcUserRepository.Insert userInsert(Supplier<Connection> connection) {
    return new PostgresUserInsert(connection);
  }

  @Override
  protected JdbcTransfer transfer(String where, Connection connection, AutoCloseable release) {
    return new PostgresTransfer(where, connection, release);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
