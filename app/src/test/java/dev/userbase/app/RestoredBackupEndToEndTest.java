package dev.userbase.app;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.persistence.sqlite.SqliteBackup;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The restore drill: a database with users is backed up, the backup restored into another place,
 * and the whole end-to-end suite runs on the restored database.
 */
@MicronautTest(transactional = false)
class RestoredBackupEndToEndTest extends UsersEndToEndSuite implements SqliteTestDatabase {

  @Override
  public Map<String, String> getProperties() {
    try {
      Path folder = Files.createTempDirectory("userbase-restore");
      Path source = folder.resolve("source.db");
      try (EmbeddedServer server = ApplicationContext.run(
          EmbeddedServer.class,
          Map.of("userbase.sqlite.path", source.toString(), "micronaut.server.port", -1))) {
        HttpCalls http = new HttpCalls(server.getURI());
        for (int i = 0; i < 25; i++) {
          http.postJson(
              "/users",
              "{\"name\": \"Before " + i + "\", \"email\": \"before" + i + "@example.com\"}");
        }
        SqliteBackup.backup(source, folder.resolve("backup.db"), false, bytes -> {});
      }
      Path restored = folder.resolve("restored/users.db");
      SqliteBackup.restore(restored, folder.resolve("backup.db"));
      return Map.of(
          "userbase.store", "sqlite",
          "userbase.sqlite.path", restored.toString(),
          "micronaut.server.port", "-1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
