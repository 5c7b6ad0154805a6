package dev.userbase.persistence.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.userbase.domain.StoreUnavailableException;
import dev.userbase.domain.UserTransfer;
import io.micronaut.core.value.PropertyResolver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A store with a server of its own (PostgreSQL, MariaDB), behind an ordinary pool. What it says
 * of itself is here; the pool, its beans, its health, the transfers and the answer to a backup are
 * the core's ({@link PooledDatabase}, {@link ServerStoreBeans}), made when it is the chosen store.
 */
public abstract class ServerStore implements StoreModule {

  private final String name;
  private final String product;
  private final String exampleUrl;
  private final String backupTools;
  private final StoreFaults faults;

  /**
   * @param name its name in {@code userbase.store}, such as {@code postgres}; its pool is named
   *     for it
   * @param product its name in messages, such as {@code PostgreSQL}
   * @param exampleUrl a URL to show when none is set
   * @param backupTools the tools the server's makers ship for backups, named for an operator
   */
  protected ServerStore(
      String name, String product, String exampleUrl, String backupTools, StoreFaults faults) {
    this.name = name;
    this.product = product;
    this.exampleUrl = exampleUrl;
    this.backupTools = backupTools;
    this.faults = faults;
  }

  @Override
  public final String name() {
    return name;
  }

  /** Its name in messages, such as {@code PostgreSQL}. */
  public final String product() {
    return product;
  }

  /** A URL to show when none is set, such as {@code jdbc:postgresql://127.0.0.1:5432/userbase}. */
  public final String exampleUrl() {
    return exampleUrl;
  }

  /** The faults of this store. */
  public final StoreFaults faults() {
    return faults;
  }

  @Override
  public final String location(PropertyResolver configuration) {
    return describe(PooledSettings.from(configuration).url());
  }

  /**
   * host:port/database as the driver reads the URL, never the password.
   *
   * @throws StoreUnavailableException when it is not a URL of this store
   */
  public abstract String describe(String url);

  /** Sets the driver's properties, and the schema where the store has them, on the pool. */
  public abstract void configure(HikariConfig config, PooledSettings settings);

  /** Brings the schema up to date. */
  public abstract void migrate(DataSource dataSource, PooledSettings settings);

  /**
   * The store's own insert of users, on the write's connection ({@code connection}), or null for
   * the shared one ({@link JdbcUserRepository.Insert}).
   */
  protected JdbcUserRepository.Insert userInsert(Supplier<Connection> connection) {
    return null;
  }

  /**
   * What marks an event that the feed has not stamped yet, as a condition on {@code events}: no
   * {@code feed_position}, unless the store marks it otherwise. Every mark must sort below every
   * position (positions start at 1), so a read of the positions after N never meets it.
   */
  public String unstamped() {
    return "feed_position IS NULL";
  }

  /** A bulk transfer on one connection; {@code release} is closed with it. */
  protected abstract JdbcTransfer transfer(
      String where, Connection connection, AutoCloseable release);

  @Override
  public final Optional<String> ownBackupTools() {
    return Optional.of("The "
        + product
        + " store is backed up with "
        + product
        + "'s own tools: "
        + backupTools
        + " (see docs/operations.md)");
  }

  /** A pool of two of its own: the database is migrated as the server would, once, at open. */
  @Override
  public final UserTransfer openTransfer(PropertyResolver configuration) {
    PooledSettings settings = PooledSettings.from(configuration);
    PooledDatabase database = PooledDatabase.open(
        this,
        new PooledSettings(
            settings.url(),
            settings.username(),
            settings.password(),
            settings.schema(),
            2,
            settings.connectionTimeout()),
        null);
    return openTransfer(database, database);
  }

  /** A bulk transfer on one connection of the database's pool. */
  final UserTransfer openTransfer(PooledDatabase database, AutoCloseable release) {
    try {
      return transfer(database.where(), database.dataSource().getConnection(), release);
    } catch (SQLException e) {
      throw faults().unavailable("transfer", e, false);
    }
  }
}
