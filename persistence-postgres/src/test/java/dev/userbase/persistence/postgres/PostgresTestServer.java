package dev.userbase.persistence.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests use: the one {@code USERBASE_TEST_POSTGRES_URL} names, else one
 * Testcontainers starts when Docker is there. With neither, the tests are skipped with a reason, or
 * fail when {@code USERBASE_REQUIRE_POSTGRES=1}. Each caller works in a schema of its own.
 */
public final class PostgresTestServer {

  private static PostgresTestServer instance;

  private final String url;
  private final String username;
  private final String password;

  private PostgresTestServer(String url, String username, String password) {
    this.url = url;
    this.username = username;
    this.password = password;
  }

  /** The server, or a skipped (or, when required, failed) test. */
  public static synchronized PostgresTestServer get() {
    if (instance == null) {
      instance = locate();
    }
    return instance;
  }

  private static PostgresTestServer locate() {
    String url = System.getenv("USERBASE_TEST_POSTGRES_URL");
    if (url != null && !url.isBlank()) {
      return new PostgresTestServer(
          url,
          System.getenv("USERBASE_TEST_POSTGRES_USER"),
          System.getenv("USERBASE_TEST_POSTGRES_PASSWORD"));
    }
    if (dockerAvailable()) {
      PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return new PostgresTestServer(
          container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
    String reason = "No PostgreSQL for the tests: set USERBASE_TEST_POSTGRES_URL (a JDBC URL, with"
        + " USERBASE_TEST_POSTGRES_USER/_PASSWORD if needed) or start Docker for Testcontainers";
    if ("1".equals(System.getenv("USERBASE_REQUIRE_POSTGRES"))) {
      throw new IllegalStateException(
          reason + " (USERBASE_REQUIRE_POSTGRES=1 makes this a failure)");
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

  /** A new, empty schema name; the migrations create it. */
  public String newSchema() {
    return "t_" + UUID.randomUUID().toString().replace("-", "");
  }

  /** The settings an app context needs to use this server in {@code schema}. */
  public Map<String, Object> properties(String schema) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("userbase.store", "postgres");
    properties.put("datasources.default.url", url);
    if (username != null) {
      properties.put("datasources.default.username", username);
    }
    if (password != null) {
      properties.put("datasources.default.password", password);
    }
    properties.put("datasources.default.schema", schema);
    properties.put("datasources.default.schema-generate", "NONE");
    return properties;
  }

  public void dropSchema(String schema) {
    try (Connection connection = DriverManager.getConnection(url, username, password);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test schema " + schema, e);
    }
  }

  /** A plain connection to the test database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, username, password);
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public String url() {
    return url;
  }
}
