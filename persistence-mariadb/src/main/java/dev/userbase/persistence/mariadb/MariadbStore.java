package dev.userbase.persistence.mariadb;

import com.zaxxer.hikari.HikariConfig;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.persistence.jdbc.JdbcTransfer;
import dev.userbase.persistence.jdbc.JdbcUserRepository;
import dev.userbase.persistence.jdbc.PooledSettings;
import dev.userbase.persistence.jdbc.ServerStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.HostAddress;

/**
 * The MariaDB store, {@code userbase.store=mariadb}: its URLs, its driver's settings, its
 * migrations.
 */
public final class MariadbStore extends ServerStore {

  static final String NAME = "mariadb";

  public MariadbStore() {
    super(
        NAME,
        "MariaDB",
        "jdbc:mariadb://127.0.0.1:3306/userbase",
        "mariadb-dump --single-transaction to back up, the mariadb client to restore",
        MariadbFaults.INSTANCE);
  }

  @Override
  public String describe(String url) {
    Configuration parsed;
    try {
      parsed = Configuration.parse(url);
    } catch (SQLException e) {
      parsed = null;
    }
    if (parsed == null || parsed.addresses().isEmpty()) {
      throw new StoreUnavailableException(
          "Cannot use MariaDB: the URL is not a MariaDB JDBC URL (jdbc:mariadb://host:port/database)",
          null);
    }
    HostAddress address = parsed.addresses().get(0);
    return address.host
        + ":"
        + address.port
        + "/"
        + (parsed.database() == null ? "" : parsed.database());
  }

  @Override
  public void configure(HikariConfig config, PooledSettings settings) {
    if (settings.schema() != null) {
      throw new StoreUnavailableException(
          "Cannot use MariaDB: its schemas are databases; name the database in the URL"
              + " (jdbc:mariadb://host:3306/DATABASE) instead of datasources.default.schema",
          null);
    }
    // Times are UTC in the session and in the columns: an instant round-trips exactly, whatever
    // the server's and the JVM's time zones (without this, an hour that a zone repeats in
    // autumn comes back an hour off).
    config.addDataSourceProperty("connectionTimeZone", "UTC");
    config.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
    config.addDataSourceProperty("preserveInstants", "true");
    // A server that stops answering without closing the connection must not hold a request
    // forever (milliseconds; a URL parameter overrides).
    config.addDataSourceProperty("socketTimeout", "30000");
    config.addDataSourceProperty("connectTimeout", "5000");
    // An import's batches go as one multi-row INSERT.
    config.addDataSourceProperty("rewriteBatchedStatements", "true");
    // A user's INSERT and its event's go in one request (MariadbUserInsert). Every statement
    // binds its values as parameters, which the driver escapes, so a value cannot end one
    // statement and start another.
    config.addDataSourceProperty("allowMultiQueries", "true");
  }

  /**
   * An event not stamped yet is at position 0 (migration V4): stamping then changes eight bytes
   * of the row in place. From NULL it changed the row's length, and InnoDB wrote the whole row
   * again, payload and all, to the redo log: 2.6 KB of log a write against 0.8 KB now.
   */
  @Override
  public String unstamped() {
    return "feed_position = 0";
  }

  @Override
  protected JdbcUserRepository.Insert userInsert(Supplier<Connection> connection) {
    return new MariadbUserInsert(connection);
  }

  @Override
  public void migrate(DataSource dataSource, PooledSettings settings) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/mariadb")
        .load()
        .migrate();
  }

  @Override
  protected JdbcTransfer transfer(String where, Connection connection, AutoCloseable release) {
    return new MariadbTransfer(where, connection, release);
  }
}
