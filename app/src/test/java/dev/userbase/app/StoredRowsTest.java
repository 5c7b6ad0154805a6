package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.userbase.api.http.HttpCalls;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Rows that break today's rules (written before a rule was tightened, or by hand) never turn into
 * client errors: they read and list exactly as stored, a PUT with valid values replaces them, and
 * the start-up audit names them.
 */
class StoredRowsTest {

  @TempDir
  Path folder;

  private Map<String, Object> properties(Path database) {
    return Map.of(
        "userbase.store",
        "sqlite",
        "userbase.sqlite.path",
        database.toString(),
        "micronaut.server.port",
        -1);
  }

  private static final String OLD_NAME = "Eve\u202Eevil";

  /** Users 1 (a bidi override in the name, an invalid email) and 2 (an invisible name). */
  private Path databaseWithTwoRowsThatBreakTodaysRules() throws Exception {
    Path database = folder.resolve("users.db");
    ApplicationContext.run(EmbeddedServer.class, properties(database))
        .getApplicationContext()
        .close();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO users (name, email, created_at, updated_at, version) VALUES (?, ?, 0, 0, 1)")) {
      insert.setString(1, OLD_NAME);
      insert.setString(2, "Not An Email");
      insert.executeUpdate();
      insert.setString(1, "\u200B");
      insert.setString(2, null);
      insert.executeUpdate();
    }
    return database;
  }

  @Test
  void theAuditRunsByItselfAfterTheStartAndNamesThem() throws Exception {
    Path database = databaseWithTwoRowsThatBreakTodaysRules();
    Logger log = (Logger) LoggerFactory.getLogger(StoredDataAudit.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    log.addAppender(captured);
    try (EmbeddedServer server =
        ApplicationContext.run(EmbeddedServer.class, properties(database))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (captured.list.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } finally {
      log.detachAppender(captured);
    }

    assertThat(captured.list)
        .singleElement()
        .satisfies(line -> assertThat(line.getFormattedMessage())
            .startsWith("2 of 2 stored users break today's rules for name or email (ids [1, 2])"));
  }

  @Test
  void aStoredRowThatBreaksTodaysRulesReadsListsAndCanBeReplaced() throws Exception {
    Path database = databaseWithTwoRowsThatBreakTodaysRules();

    try (EmbeddedServer server =
        ApplicationContext.run(EmbeddedServer.class, properties(database))) {
      HttpCalls http = new HttpCalls(server.getURI());
      StoredDataAudit audit = server.getApplicationContext().getBean(StoredDataAudit.class);

      HttpResponse<String> read = http.get("/users/1");
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body())
          .contains("\"name\":\"" + OLD_NAME + "\"")
          .contains("\"email\":\"Not An Email\"");
      assertThat(http.get("/users/2").statusCode()).isEqualTo(200);
      HttpResponse<String> list = http.get("/users");
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.body()).contains(OLD_NAME);
      assertThat(audit.audit()).containsExactly(1L, 2L);

      HttpResponse<String> repaired = http.putJson(
          "/users/1", "{\"name\": \"Eve\", \"email\": \"eve@example.com\"}", "If-Match", "\"1\"");
      assertThat(repaired.statusCode()).isEqualTo(200);
      assertThat(audit.audit()).containsExactly(2L);
    }
  }
}
