package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.persistence.jdbc.TestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two stateless app instances on one database of a store's server: two clients interleave conditional
 * updates of one user, each through its own instance, and no update is lost.
 */
abstract class ScaleOutSuite {

  private static final int PUTS_PER_CLIENT = 500;

  /** The store's test server. */
  abstract TestServer testServer();

  /** What one client saw. */
  record Tally(int ok, int preconditionFailed, int other, long highestVersion) {}

  @Test
  void conditionalUpdatesThroughTwoInstancesLoseNothing() throws Exception {
    TestServer store = testServer();
    String database = store.newDatabase();
    Map<String, Object> properties = new HashMap<>(store.properties(database));
    properties.put("micronaut.server.port", -1);
    try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties);
        EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties)) {
      HttpCalls viaFirst = new HttpCalls(first.getURI());
      HttpCalls viaSecond = new HttpCalls(second.getURI());
      HttpResponse<String> created = viaFirst.postJson("/users", "{\"name\": \"Shared\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      String user = created.headers().firstValue("Location").orElseThrow();

      CompletableFuture<Tally> a = CompletableFuture.supplyAsync(() -> client(viaFirst, user, "a"));
      CompletableFuture<Tally> b =
          CompletableFuture.supplyAsync(() -> client(viaSecond, user, "b"));
      Tally ta = a.get(5, TimeUnit.MINUTES);
      Tally tb = b.get(5, TimeUnit.MINUTES);

      HttpResponse<String> last = viaSecond.get(user);
      long finalVersion = version(last);
      System.out.printf(
          store.store()
              + " scale-out: client a %d x 200, %d x 412; client b %d x 200, %d x 412; final version %d%n",
          ta.ok(),
          ta.preconditionFailed(),
          tb.ok(),
          tb.preconditionFailed(),
          finalVersion);
      assertThat(ta.other() + tb.other()).as("answers other than 200 and 412").isZero();
      assertThat(ta.ok() + ta.preconditionFailed()).isEqualTo(PUTS_PER_CLIENT);
      assertThat(tb.ok() + tb.preconditionFailed()).isEqualTo(PUTS_PER_CLIENT);
      assertThat(finalVersion).isEqualTo(1 + ta.ok() + tb.ok());
      assertThat(finalVersion).isEqualTo(Math.max(ta.highestVersion(), tb.highestVersion()));
    } finally {
      store.dropDatabase(database);
    }
  }

  /**
   * A stream held on one instance hears every change made through the other, in order, each
   * within the feed's look at the shared database (every {@code JdbcChangeFeed.POLL}).
   */
  @Test
  void aStreamOnOneInstanceHearsEveryChangeMadeThroughTheOther() throws Exception {
    TestServer store = testServer();
    String database = store.newDatabase();
    Map<String, Object> properties = new HashMap<>(store.properties(database));
    properties.put("micronaut.server.port", -1);
    try (EmbeddedServer writes = ApplicationContext.run(EmbeddedServer.class, properties);
        EmbeddedServer streams = ApplicationContext.run(EmbeddedServer.class, properties);
        EventStreamClient stream = EventStreamClient.open(streams.getURI(), "/events?after=0")) {
      HttpCalls http = new HttpCalls(writes.getURI());
      long slowest = 0;
      List<Long> delays = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long sent = System.nanoTime();
        HttpResponse<String> created = http.postJson("/users", "{\"name\": \"Across " + i + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        long acknowledged = System.nanoTime();
        EventStreamClient.Received event = stream.next(Duration.ofSeconds(5));
        assertThat(event).as("event %d", i).isNotNull();
        long delay = (System.nanoTime() - acknowledged) / 1_000_000;
        delays.add(delay);
        slowest = Math.max(slowest, delay);
        assertThat(event.id()).isEqualTo(Long.toString(i + 1));
        assertThat(event.data())
            .contains("\"resourceId\":\""
                + created.headers().firstValue("Location").orElseThrow().substring(7) + "\"");
        assertThat(sent).isLessThan(acknowledged);
      }
      java.util.Collections.sort(delays);
      System.out.printf(
          store.store() + " scale-out feed: 20 creates through one instance, heard on the other"
              + " after the 201 in %d ms (median), %d ms (slowest)%n",
          delays.get(10),
          slowest);
      assertThat(slowest)
          .as("ms from a 201 on one instance to its event on the other")
          .isLessThan(2000);
    } finally {
      store.dropDatabase(database);
    }
  }

  private static Tally client(HttpCalls http, String user, String name) {
    long lastRead = version(http.get(user));
    int ok = 0;
    int failed = 0;
    int other = 0;
    long highest = 0;
    for (int i = 0; i < PUTS_PER_CLIENT; i++) {
      HttpResponse<String> put = http.putJson(
          user,
          "{\"name\": \"" + name + " " + i + "\", \"email\": null}",
          "If-Match",
          "\"" + lastRead + "\"");
      if (put.statusCode() == 200) {
        ok++;
        lastRead = version(put);
        highest = Math.max(highest, lastRead);
      } else if (put.statusCode() == 412) {
        failed++;
        lastRead = version(http.get(user));
      } else {
        other++;
      }
    }
    return new Tally(ok, failed, other, highest);
  }

  private static long version(HttpResponse<String> response) {
    String etag = response.headers().firstValue("ETag").orElseThrow();
    return Long.parseLong(etag.replace("\"", ""));
  }
}
