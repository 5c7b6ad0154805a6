package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/** Routes × credentials on a temporary SQLite file. */
@MicronautTest(transactional = false)
class SqliteAccessTest extends AccessSuite implements SqliteTestDatabase {

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
