package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;

/** The feed switched off, on PostgreSQL. */
@MicronautTest(transactional = false)
class PostgresFeedOffTest extends FeedOffSuite implements PostgresTestDatabase {

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(PostgresTestDatabase.super.getProperties());
    properties.put(OFF, "false");
    return properties;
  }
}
