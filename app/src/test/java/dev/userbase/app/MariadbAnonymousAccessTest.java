package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/** Anonymous access with no tokens configured, on MariaDB. */
@MicronautTest(transactional = false)
class MariadbAnonymousAccessTest extends AnonymousAccessSuite implements MariadbTestDatabase {

  @Override
  Map<String, String> storeProperties() {
    return MariadbTestDatabase.super.getProperties();
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
