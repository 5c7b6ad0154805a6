package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;

/** The feed switched off, on MariaDB. */
@MicronautTest(transactional = false)
class MariadbFeedOffTest extends FeedOffSuite implements MariadbTestDatabase {

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(MariadbTestDatabase.super.getProperties());
    properties.put(OFF, "false");
    return properties;
  }
}
