package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A backup made over HTTP while 32 writers keep writing: the copy is sound, holds every user
 * acknowledged before it began, and the writers went on meanwhile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class BackupTest implements SqliteTestDatabase {

  @Inject
  EmbeddedServer server;

  @Inject
  JsonMapper json;

  @Test
  void aBackupUnder32WritersIsSoundAndHoldsEveryUserAcknowledgedBeforeItBegan() throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    WriteLoad load = new WriteLoad(server.getURI()).start(32, "backup", Duration.ofSeconds(60));
    load.awaitAcknowledged(300, Duration.ofSeconds(60));
    Map<Long, String> before = load.acknowledged();

    HttpResponse<String> made = http.postJson("/admin/backup", "");
    int acknowledgedWhenDone = load.acknowledged().size();
    load.awaitAcknowledged(acknowledgedWhenDone + 100, Duration.ofSeconds(60));
    load.awaitEnd(Duration.ofMillis(1));

    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    JsonNode report = json.readValue(made.body(), Argument.of(JsonNode.class));
    Path copy = Path.of(report.get("file").getStringValue());
    assertThat(copy.getFileName().toString()).matches("userbase-\\d{8}-\\d{6}-\\d{3}\\.db");
    assertThat(report.get("bytes").getLongValue()).isEqualTo(java.nio.file.Files.size(copy));
    assertThat(report.get("users").getLongValue()).isGreaterThanOrEqualTo(before.size());
    assertThat(SqliteFile.integrity(copy)).isEqualTo("ok");
    assertThat(SqliteFile.missing(before, SqliteFile.names(copy))).isEmpty();
    assertThat(load.badAnswers()).isEmpty();
    assertThat(load.statuses().keySet()).containsOnly(201);
    assertThat(load.unanswered()).isEmpty();
    // Every write ended with its answer, and each 201 is one user: nothing stored unanswered.
    Path live = Path.of(server
        .getApplicationContext()
        .getProperty("userbase.sqlite.path", String.class)
        .orElseThrow());
    assertThat(SqliteFile.names(live)).isEqualTo(load.acknowledged());
    System.out.printf(
        "Backup under 32 writers: %d users acknowledged before it began, all in the copy of %d users"
            + " (%d bytes, %d ms); the writers went on: %d acknowledged in all%n",
        before.size(),
        report.get("users").getLongValue(),
        report.get("bytes").getLongValue(),
        report.get("durationMs").getLongValue(),
        load.acknowledged().size());
  }
}
