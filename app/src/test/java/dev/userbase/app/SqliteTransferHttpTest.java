package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/** Export and import over HTTP on a temporary SQLite file. */
@MicronautTest(transactional = false)
class SqliteTransferHttpTest extends TransferHttpSuite implements SqliteTestDatabase {

  @Override
  Map<String, String> storeProperties() {
    return SqliteTestDatabase.super.getProperties();
  }

  @Override
  public Map<String, String> getProperties() {
    return super.getProperties();
  }
}
