package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;

/** The feed switched off, on Sqlite. */
@MicronautTest(transactional = false)
class SqliteFeedOffTest extends FeedOffSuite implements SqliteTestDatabase {

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SqliteTestDatabase.super.getProperties());
    properties.put(OFF, "false");
    return properties;
  }
}
