package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/** Routes × credentials on PostgreSQL, where backups are pg_dump's job (501). */
@MicronautTest(transactional = false)
class PostgresAccessTest extends AccessSuite implements PostgresTestDatabase {

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
