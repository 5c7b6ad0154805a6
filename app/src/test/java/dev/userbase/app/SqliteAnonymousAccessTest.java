package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/** Anonymous access with no tokens configured, on Sqlite. */
@MicronautTest(transactional = false)
class SqliteAnonymousAccessTest extends AnonymousAccessSuite implements SqliteTestDatabase {

  @Override
  Map<String, String> storeProperties() {
    return SqliteTestDatabase.super.getProperties();
  }

  @Override
  public Map<String, String> getProperties() {
    return super.getProperties();
  }

  @Override
  int backupStatus() {
    return 201;
  }
}
