package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/** Export and import over HTTP on PostgreSQL. */
@MicronautTest(transactional = false)
class PostgresTransferHttpTest extends TransferHttpSuite implements PostgresTestDatabase {

  @Override
  Map<String, String> storeProperties() {
    return PostgresTestDatabase.super.getProperties();
  }

  @Override
  public Map<String, String> getProperties() {
    return super.getProperties();
  }
}
