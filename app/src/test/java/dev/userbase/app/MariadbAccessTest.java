package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/** Routes × credentials on MariaDB, where backups are mariadb-dump's job (501). */
@MicronautTest(transactional = false)
class MariadbAccessTest extends AccessSuite implements MariadbTestDatabase {

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
