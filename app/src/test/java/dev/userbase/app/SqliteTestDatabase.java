package dev.userbase.app;

import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives each test class that implements it a fresh SQLite file in a temporary folder. Micronaut
 * reads a TestPropertyProvider only with {@code @TestInstance(PER_CLASS)}; without it the test
 * would quietly run on the default ./data/userbase.db.
 */
public interface SqliteTestDatabase extends TestPropertyProvider {

  @Override
  default Map<String, String> getProperties() {
    try {
      Path folder = Files.createTempDirectory("userbase-test");
      folder.toFile().deleteOnExit();
      return Map.of(
          "userbase.store", "sqlite",
          "userbase.sqlite.path", folder.resolve("users.db").toString(),
          "micronaut.server.port", "-1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
