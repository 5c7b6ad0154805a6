package dev.userbase.app;

import dev.userbase.persistence.postgres.PostgresTestServer;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;

/**
 * Gives each test class that implements it a PostgreSQL schema of its own, dropped after its
 * tests. Like {@link SqliteTestDatabase}, it needs {@code @TestInstance(PER_CLASS)}.
 */
public interface PostgresTestDatabase extends TestPropertyProvider {

  /** The schema of each test class that uses one. */
  Map<Class<?>, String> SCHEMAS = new ConcurrentHashMap<>();

  @Override
  default Map<String, String> getProperties() {
    PostgresTestServer server = PostgresTestServer.get();
    String schema = SCHEMAS.computeIfAbsent(getClass(), c -> server.newSchema());
    Map<String, String> properties = new HashMap<>();
    server.properties(schema).forEach((key, value) -> properties.put(key, value.toString()));
    properties.put("micronaut.server.port", "-1");
    return properties;
  }

  @AfterAll
  default void dropSchema() {
    String schema = SCHEMAS.remove(getClass());
    if (schema != null) {
      PostgresTestServer.get().dropSchema(schema);
    }
  }
}
