package dev.userbase.persistence.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * A database server the tests use: the one {@code USERBASE_TEST_<STORE>_URL} names, else one
 * Testcontainers starts when Docker is there. With neither, the tests are skipped with a reason,
 * or fail when {@code USERBASE_REQUIRE_<STORE>=1}. Each caller works in a database of its own
 * ({@link #newDatabase}), dropped after it.
 */
public abstract class TestServer {

  /** Where a server is: its JDBC URL and account. */
  public record Address(String url, String username, String password) {}

  private final Address address;

  protected TestServer(String store, Supplier<Address> container) {
    this.address = locate(store, container);
  }

  private static Address locate(String store, Supplier<Address> container) {
    String variable = "USERBASE_TEST_" + store.toUpperCase(java.util.Locale.ROOT);
    String url = System.getenv(variable + "_URL");
    if (url != null && !url.isBlank()) {
      return new Address(
          url, System.getenv(variable + "_USER"), System.getenv(variable + "_PASSWORD"));
    }
    if (dockerAvailable()) {
      return container.get();
    }
    String reason = "No " + store + " server for the tests: set " + variable + "_URL (a JDBC URL,"
        + " with " + variable + "_USER/_PASSWORD if needed) or start Docker for Testcontainers";
    String required = "USERBASE_REQUIRE_" + store.toUpperCase(java.util.Locale.ROOT);
    if ("1".equals(System.getenv(required))) {
      throw new IllegalStateException(reason + " (" + required + "=1 makes this a failure)");
    }
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** The store's name in {@code userbase.store}. */
  public abstract String store();

  /** The settings that put an app context on {@code database}, which need not exist yet. */
  public abstract Map<String, Object> properties(String database);

  /** Drops a database {@link #newDatabase} named, and everything in it. */
  public abstract void dropDatabase(String database);

  /** A new database name, unique to the caller; the store creates it at start. */
  public String newDatabase() {
    return "t_" + UUID.randomUUID().toString().replace("-", "");
  }

  /** The settings every store takes, with the URL and the schema a store gives. */
  protected Map<String, Object> properties(String url, String schema) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(StoreModule.SETTING, store());
    properties.put("datasources.default.url", url);
    if (address.username() != null) {
      properties.put("datasources.default.username", address.username());
    }
    if (address.password() != null) {
      properties.put("datasources.default.password", address.password());
    }
    if (schema != null) {
      properties.put("datasources.default.schema", schema);
    }
    properties.put("datasources.default.schema-generate", "NONE");
    return properties;
  }

  /** A plain connection to the server's own database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(address.url(), address.username(), address.password());
  }

  public String url() {
    return address.url();
  }

  public String username() {
    return address.username();
  }

  public String password() {
    return address.password();
  }
}
