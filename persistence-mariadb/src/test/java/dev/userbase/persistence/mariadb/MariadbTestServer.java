package dev.userbase.persistence.mariadb;

import dev.userbase.persistence.jdbc.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.testcontainers.containers.MariaDBContainer;

/**
 * The MariaDB server the tests use ({@link TestServer}): {@code USERBASE_TEST_MARIADB_URL}, else
 * Testcontainers. Each caller works in a database of its own, which the driver creates.
 */
public final class MariadbTestServer extends TestServer {

  private static MariadbTestServer instance;

  private MariadbTestServer() {
    super("mariadb", () -> {
      MariaDBContainer<?> container = new MariaDBContainer<>("mariadb:10.11");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return new Address(container.getJdbcUrl(), "root", container.getPassword());
    });
  }

  /** The server, or a skipped (or, when required, failed) test. */
  public static synchronized MariadbTestServer get() {
    if (instance == null) {
      instance = new MariadbTestServer();
    }
    return instance;
  }

  @Override
  public String store() {
    return MariadbStore.NAME;
  }

  /** The server's URL with {@code database} in place of its own, created at the first connection. */
  @Override
  public Map<String, Object> properties(String database) {
    return properties(urlOf(database), null);
  }

  /** The server's URL, on {@code database}. */
  public String urlOf(String database) {
    String url = url().replaceFirst("^(jdbc:mariadb://[^/?]+)(/[^?]*)?", "$1/" + database);
    return url + (url.contains("?") ? "&" : "?") + "createDatabaseIfNotExist=true";
  }

  @Override
  public void dropDatabase(String database) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test database " + database, e);
    }
  }
}
