package dev.userbase.app;

import dev.userbase.persistence.postgres.PostgresTestServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The end-to-end suite on PostgreSQL, in a schema of its own. */
@MicronautTest(transactional = false)
class PostgresEndToEndTest extends UsersEndToEndSuite implements TestPropertyProvider {

  private final PostgresTestServer server = PostgresTestServer.get();
  private final String schema = server.newSchema();

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>();
    server.properties(schema).forEach((key, value) -> properties.put(key, value.toString()));
    properties.put("micronaut.server.port", "-1");
    return properties;
  }

  @AfterAll
  void dropSchema() {
    server.dropSchema(schema);
  }
}
