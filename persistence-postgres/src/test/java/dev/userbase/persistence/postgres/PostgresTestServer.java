package dev.userbase.persistence.postgres;

import dev.userbase.persistence.jdbc.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests use ({@link TestServer}): {@code USERBASE_TEST_POSTGRES_URL},
 * else Testcontainers. Each caller works in a schema of its own.
 */
public final class PostgresTestServer extends TestServer {

  private static PostgresTestServer instance;

  private PostgresTestServer() {
    super("postgres", () -> {
      PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return new Address(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    });
  }

  /** The server, or a skipped (or, when required, failed) test. */
  public static synchronized PostgresTestServer get() {
    if (instance == null) {
      instance = new PostgresTestServer();
    }
    return instance;
  }

  @Override
  public String store() {
    return PostgresStore.NAME;
  }

  /** The database's own schema {@code database}: the migrations create it. */
  @Override
  public Map<String, Object> properties(String database) {
    return properties(url(), database);
  }

  @Override
  public void dropDatabase(String database) {
    // A test may drop its schema while its app still reads the change feed (the feed's thread
    // looks every 200 ms): the server then picks the drop as a deadlock's victim. Try again.
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = connect();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + database + " CASCADE");
        return;
      } catch (SQLException e) {
        if (!"40P01".equals(e.getSQLState()) || attempt == 5) {
          throw new IllegalStateException("could not drop test schema " + database, e);
        }
      }
    }
  }
}
