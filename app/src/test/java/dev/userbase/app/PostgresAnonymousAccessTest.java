package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/** Anonymous access with no tokens configured, on Postgres. */
@MicronautTest(transactional = false)
class PostgresAnonymousAccessTest extends AnonymousAccessSuite implements PostgresTestDatabase {

  @Override
  Map<String, String> storeProperties() {
    return PostgresTestDatabase.super.getProperties();
  }

  @Override
  public Map<String, String> getProperties() {
    return super.getProperties();
  }

  @Override
  int backupStatus() {
    return 501;
  }
}
