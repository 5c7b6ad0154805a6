package dev.userbase.app;

import dev.userbase.persistence.jdbc.TestServer;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;

/**
 * Gives each test class that implements it a database of its own on a store's server, dropped
 * after its tests. Like {@link SqliteTestDatabase}, it needs {@code @TestInstance(PER_CLASS)}.
 */
public interface ServerTestDatabase extends TestPropertyProvider {

  /** The database of each test class that uses one. */
  Map<Class<?>, String> DATABASES = new ConcurrentHashMap<>();

  /** The store's test server. */
  TestServer testServer();

  @Override
  default Map<String, String> getProperties() {
    TestServer server = testServer();
    String database = DATABASES.computeIfAbsent(getClass(), c -> server.newDatabase());
    Map<String, String> properties = new HashMap<>();
    server.properties(database).forEach((key, value) -> properties.put(key, value.toString()));
    properties.put("micronaut.server.port", "-1");
    return properties;
  }

  @AfterAll
  default void dropDatabase() {
    String database = DATABASES.remove(getClass());
    if (database != null) {
      testServer().dropDatabase(database);
    }
  }
}
