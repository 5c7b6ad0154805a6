package dev.userbase.app;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/** Export and import over HTTP on MariaDB. */
@MicronautTest(transactional = false)
class MariadbTransferHttpTest extends TransferHttpSuite implements MariadbTestDatabase {

  @Override
  Map<String, String> storeProperties() {
    return MariadbTestDatabase.super.getProperties();
  }

  @Override
  public Map<String, String> getProperties() {
    return super.getProperties();
  }
}
