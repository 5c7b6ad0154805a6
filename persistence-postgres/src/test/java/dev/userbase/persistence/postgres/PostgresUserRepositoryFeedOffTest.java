package dev.userbase.persistence.postgres;

import java.util.HashMap;
import java.util.Map;

/**
 * The repository contract with the feed off: PostgreSQL inserts a user with its event in one
 * statement when the feed is on, and without one when it is off, and each is its own statement.
 */
class PostgresUserRepositoryFeedOffTest extends PostgresUserRepositoryTest {

  @Override
  Map<String, Object> settings(Map<String, Object> store) {
    Map<String, Object> settings = new HashMap<>(store);
    settings.put("userbase.events.enabled", false);
    return settings;
  }
}
