package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.persistence.sqlite.SqliteFaultInjection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The disk fills under the service (SQLITE_FULL, injected with max_page_count on the writer): a
 * write that does not fit gets 503 problem+json with Retry-After and is not stored, every 201 is
 * readable, reads go on, readiness is DOWN; once there is room the service writes again without a
 * restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class SqliteDiskFullTest implements SqliteTestDatabase {

  @Inject
  EmbeddedServer server;

  @Inject
  ApplicationContext context;

  @Test
  void aFullDiskIs503ForWritesThatDoNotFitAndRecoveryNeedsNoRestart() throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    HttpResponse<String> alice = http.postJson("/users", "{\"name\": \"Alice\"}");
    String location = alice.headers().firstValue("Location").orElseThrow();

    SqliteFaultInjection.fillTheDisk(context);
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < 60; i++) {
      HttpResponse<String> created =
          http.postJson("/users", "{\"name\": \"" + "x".repeat(190) + i + "\"}");
      statuses.merge(created.statusCode(), 1, Integer::sum);
      if (created.statusCode() == 201) {
        String at = created.headers().firstValue("Location").orElseThrow();
        assertThat(http.get(at).body()).isEqualTo(created.body());
      } else {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(503);
        assertThat(created.headers().firstValue("Retry-After")).contains("5");
        assertThat(created.body()).contains(":store-unavailable").contains("nothing was changed");
      }
    }
    assertThat(statuses).containsKey(503);
    assertThat(http.get(location).statusCode()).isEqualTo(200);
    assertThat(http.get("/users?limit=500").statusCode()).isEqualTo(200);
    HttpResponse<String> health = http.get("/health");
    assertThat(health.statusCode()).isEqualTo(503);
    // Details (the failure, the disk) go to authenticated callers only; this one is anonymous.
    assertThat(health.body()).isEqualTo("{\"status\":\"DOWN\"}");
    assertThat(http.get("/health/liveness").statusCode()).isEqualTo(200);

    SqliteFaultInjection.freeTheDisk(context);
    Duration recovery = ServerOutageSuite.awaitReady(http, Duration.ofSeconds(30));
    assertThat(http.postJson("/users", "{\"name\": \"After\"}").statusCode()).isEqualTo(201);
    System.out.printf(
        "Disk full: 60 creates of 200-character names gave %s; GET 200 throughout; health DOWN;"
            + " ready again %d ms after room came back%n",
        statuses, recovery.toMillis());
  }
}
