package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.persistence.jdbc.TestServer;
import dev.userbase.persistence.mariadb.MariadbTestServer;
import dev.userbase.persistence.postgres.PostgresTestServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILL to the real server under 32 writers on PostgreSQL and MariaDB (SQLite's is {@link
 * CrashTest}): after a restart, the feed holds every acknowledged user's event, with positions
 * 1…n and no gap; events the killed process had not stamped yet are stamped by the next.
 */
class ServerCrashFeedTest {

  private static final int WRITERS = 32;

  @TempDir
  Path folder;

  private static TestServer server(String store) {
    return store.equals("postgres") ? PostgresTestServer.get() : MariadbTestServer.get();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "mariadb"})
  void afterSigkillTheFeedHoldsEveryAcknowledgedChange(String store) throws Exception {
    TestServer server = server(store);
    String database = server.newDatabase();
    Map<String, String> environment = new HashMap<>();
    server
        .properties(database)
        .forEach((key, value) -> environment.put(
            key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value.toString()));
    try {
      Map<Long, String> acknowledged;
      try (ServerProcess process = ServerProcess.start(folder, environment)) {
        process.awaitServing(Duration.ofSeconds(60));
        WriteLoad load =
            new WriteLoad(process.uri()).start(WRITERS, "crash-" + store, Duration.ofSeconds(90));
        load.awaitAcknowledged(200, Duration.ofSeconds(60));
        process.kill();
        process.awaitExit(Duration.ofSeconds(30));
        load.awaitEnd(Duration.ofSeconds(60));
        assertThat(load.badAnswers()).isEmpty();
        acknowledged = load.acknowledged();
      }
      try (ServerProcess process = ServerProcess.start(folder, environment)) {
        process.awaitServing(Duration.ofSeconds(60));
        Set<Long> created = createdInFeed(new HttpCalls(process.uri()));
        assertThat(created)
            .as("acknowledged users whose event is missing after SIGKILL on %s", store)
            .containsAll(acknowledged.keySet());
        System.out.printf(
            "%s SIGKILL under %d writers: %d acknowledged, %d user.created events after the"
                + " restart, positions 1..n with no gap%n",
            store, WRITERS, acknowledged.size(), created.size());
      }
    } finally {
      server.dropDatabase(database);
    }
  }

  /**
   * The users whose {@code user.created} the feed holds, read from position 0 along {@code next}
   * once the feed has stopped growing, checking that positions run 1, 2, 3… with no gap.
   */
  private static Set<Long> createdInFeed(HttpCalls http) throws Exception {
    JsonMapper json = JsonMapper.createDefault();
    Set<Long> created = new HashSet<>();
    long position = 0;
    long quietSince = System.nanoTime();
    long deadline = quietSince + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() - quietSince < Duration.ofSeconds(1).toNanos()) {
      assertThat(System.nanoTime()).as("the feed stops growing within 60 s").isLessThan(deadline);
      HttpResponse<String> page = http.get("/events?after=" + position + "&limit=1000");
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      JsonNode items = json.readValue(page.body(), Argument.of(JsonNode.class)).get("items");
      for (int i = 0; i < items.size(); i++) {
        JsonNode event = items.get(i);
        assertThat(event.get("position").getLongValue()).isEqualTo(position + 1);
        position++;
        if (event.get("type").getStringValue().equals("user.created")) {
          created.add(Long.parseLong(event.get("resourceId").getStringValue()));
        }
      }
      if (items.size() > 0) {
        quietSince = System.nanoTime();
      } else {
        Thread.sleep(100);
      }
    }
    return created;
  }
}
