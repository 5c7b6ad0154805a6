package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.persistence.sqlite.SqliteFaultInjection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** After some traffic, the Prometheus scrape holds each named metric, with sane values. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false, rebuildContext = true)
class MetricsTest implements SqliteTestDatabase {

  @Inject
  EmbeddedServer server;

  @Inject
  ApplicationContext context;

  @Value("${userbase.sqlite.path}")
  String database;

  private static double value(String scrape, String series) {
    Matcher line =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.Ee+-]+)$").matcher(scrape);
    assertThat(line.find()).as("%s in the scrape:\n%s", series, scrape).isTrue();
    return Double.parseDouble(line.group(1));
  }

  private String scrape(HttpCalls http) {
    HttpResponse<String> scrape = http.get("/prometheus");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    return scrape.body();
  }

  @Test
  void theScrapeCountsRequestsByRouteAndStatusAndTheWritersCommits() {
    HttpCalls http = new HttpCalls(server.getURI());
    String before = scrape(http);
    double batchesBefore = value(before, "userbase_sqlite_batch_size_count");
    double writesBefore = value(before, "userbase_sqlite_batch_size_sum");

    for (int i = 0; i < 12; i++) {
      String location = http.postJson("/users", "{\"name\": \"M" + i + "\"}")
          .headers()
          .firstValue("Location")
          .orElseThrow();
      http.get(location);
    }
    http.get("/users/987654");
    String after = scrape(http);

    assertThat(
            value(
                after,
                "http_server_requests_seconds_count{exception=\"none\",method=\"POST\",status=\"201\",uri=\"/users\"}"))
        .isGreaterThanOrEqualTo(12);
    assertThat(
            value(
                after,
                "http_server_requests_seconds_count{exception=\"none\",method=\"GET\",status=\"200\",uri=\"/users/{id}\"}"))
        .isGreaterThanOrEqualTo(12);
    // Micronaut tags every 404 uri="NOT_FOUND", so unknown paths cannot explode the series.
    assertThat(after).contains("method=\"GET\",status=\"404\"");
    assertThat(value(after, "userbase_sqlite_batch_size_sum") - writesBefore).isEqualTo(12);
    assertThat(value(after, "userbase_sqlite_batch_size_count") - batchesBefore)
        .isBetween(1.0, 12.0);
    assertThat(value(after, "userbase_sqlite_commit_seconds_count")).isPositive();
    assertThat(value(after, "userbase_sqlite_queue")).isGreaterThanOrEqualTo(0);
    // Hikari fills the reader pool to its size in the background.
    assertThat(value(after, "hikaricp_connections{pool=\"userbase-sqlite-reader\"}"))
        .isBetween(1.0, 8.0);
    assertThat(value(after, "hikaricp_connections{pool=\"userbase-sqlite-writer\"}"))
        .isEqualTo(1);
    assertThat(after).contains("jvm_memory_used_bytes{").contains("process_cpu_usage");
  }

  @Test
  void every503IsCountedByItsCause() {
    HttpCalls http = new HttpCalls(server.getURI());
    SqliteFaultInjection.fillTheDisk(context);
    int refused = 0;
    for (int i = 0; i < 40; i++) {
      if (http.postJson("/users", "{\"name\": \"" + "z".repeat(190) + i + "\"}").statusCode()
          == 503) {
        refused++;
      }
    }

    assertThat(refused).isPositive();
    String scrape = scrape(http);
    // A 503 is timed under its route, though an error handler wrote it.
    assertThat(scrape).contains("method=\"POST\",status=\"503\",uri=\"/users\"");
    assertThat(value(scrape, "userbase_store_unavailable_total{cause=\"SQLITE_FULL\"}"))
        .isEqualTo(refused);
  }

  @Test
  void theCountersAnAlertWatchesAreThereFromTheStartAtZero() {
    String scrape = scrape(new HttpCalls(server.getURI()));
    assertThat(value(scrape, "userbase_backups_total{outcome=\"ok\"}")).isZero();
    assertThat(value(scrape, "userbase_backups_total{outcome=\"failed\"}")).isZero();
    for (String cause :
        List.of("busy", "shutting-down", "timed-out", "pool-timeout", "connection")) {
      assertThat(value(scrape, "userbase_store_unavailable_total{cause=\"" + cause + "\"}"))
          .as(cause)
          .isZero();
    }
  }

  @Test
  void everyBackupAskedForIsCountedByOutcome() throws IOException {
    HttpCalls http = new HttpCalls(server.getURI());
    // A file where the backups folder would go: the backup cannot be written.
    Path folder = Path.of(database).resolveSibling("backups");
    Files.writeString(folder, "in the way");
    assertThat(http.postJson("/admin/backup", "").statusCode()).isEqualTo(503);
    Files.delete(folder);
    assertThat(http.postJson("/admin/backup", "").statusCode()).isEqualTo(201);
    assertThat(http.postJson("/admin/backup", "").statusCode()).isEqualTo(201);

    String scrape = scrape(http);
    assertThat(value(scrape, "userbase_backups_total{outcome=\"ok\"}")).isEqualTo(2);
    assertThat(value(scrape, "userbase_backups_total{outcome=\"failed\"}")).isEqualTo(1);
  }
}
