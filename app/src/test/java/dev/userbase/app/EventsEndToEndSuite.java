package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.domain.ChangeFeed;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The change feed over real HTTP, on every store: polled pages, the stream and its resume, the
 * refusals. Every JSON answer is checked against the spec.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.Random.class)
abstract class EventsEndToEndSuite {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Inject
  EmbeddedServer server;

  @Inject
  JsonMapper json;

  @Inject
  ChangeFeed feed;

  private HttpCalls http;
  private SpecConformance conformance;

  @BeforeAll
  void readTheServedSpec() {
    conformance = SpecConformance.of(server.getURI());
  }

  @BeforeEach
  void setUp() {
    http = new HttpCalls(server.getURI()).observedBy(conformance);
  }

  @AfterEach
  void answersConformToTheSpec() {
    assertThat(conformance.takeFailures()).isEmpty();
  }

  @AfterAll
  void reportConformance() {
    assertThat(conformance.checked()).isPositive();
  }

  private JsonNode body(String text) throws IOException {
    return json.readValue(text, Argument.of(JsonNode.class));
  }

  private long created(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return body(response.body()).get("id").getLongValue();
  }

  /** The feed's last position now, once every change made so far has one. */
  private long lastPosition() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long last = feed.bounds().last();
    while (true) {
      Thread.sleep(JdbcStamping.SETTLE.toMillis());
      long again = feed.bounds().last();
      if (again == last) {
        return last;
      }
      assertThat(System.nanoTime()).as("the feed settles within %s", WAIT).isLessThan(deadline);
      last = again;
    }
  }

  /** Every event after {@code after}, polled page by page along {@code next}. */
  private List<JsonNode> poll(long after, int expected) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<JsonNode> items = new ArrayList<>();
      String next = "/events?after=" + after + "&limit=2";
      while (true) {
        HttpResponse<String> page = http.get(next);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode body = body(page.body());
        JsonNode pageItems = body.get("items");
        for (int i = 0; i < pageItems.size(); i++) {
          items.add(pageItems.get(i));
        }
        String following = body.get("next").getStringValue();
        if (pageItems.size() == 0) {
          assertThat(following).isEqualTo(next);
          break;
        }
        next = following;
      }
      if (items.size() >= expected || System.nanoTime() > deadline) {
        return items;
      }
      Thread.sleep(50);
    }
  }

  private static String summary(JsonNode event) {
    JsonNode version = event.get("version");
    return event.get("type").getStringValue()
        + " "
        + event.get("resourceId").getStringValue()
        + (version.isNull() ? "" : " v" + version.getLongValue());
  }

  @Test
  void eachChangeIsOneEventInCommitOrderAndPagesFollowNext() throws Exception {
    long start = lastPosition();
    long ada = created(http.postJson("/users", "{\"name\": \"Ada\", \"email\": null}"));
    HttpResponse<String> renamed = http.send(
        "PATCH",
        "/users/" + ada,
        "application/merge-patch+json",
        "{\"name\": \"Ada L.\"}",
        "If-Match",
        "\"1\"");
    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    long team = created(http.postJson(
        "/groups", "{\"name\": \"Team " + System.nanoTime() + "\", \"description\": null}"));
    assertThat(
            http.send("PUT", "/groups/" + team + "/members/" + ada, null, null).statusCode())
        .isEqualTo(201);
    // The user's delete removes the membership by cascade: its event comes first.
    assertThat(http.delete("/users/" + ada).statusCode()).isEqualTo(204);

    List<JsonNode> events = poll(start, 6);
    String membership = team + "/" + ada;
    assertThat(events)
        .extracting(EventsEndToEndSuite::summary)
        .containsExactly(
            "user.created " + ada + " v1",
            "user.updated " + ada + " v2",
            "group.created " + team + " v1",
            "membership.added " + membership,
            "membership.removed " + membership,
            "user.deleted " + ada + " v2");
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).get("position").getLongValue()).isEqualTo(start + 1 + i);
    }
    JsonNode update = events.get(1);
    assertThat(update.get("resource").get("name").getStringValue()).isEqualTo("Ada L.");
    assertThat(update.get("resource").get("version").getLongValue()).isEqualTo(2);
    assertThat(update.get("time").getStringValue())
        .isEqualTo(update.get("resource").get("updatedAt").getStringValue());
    assertThat(events.get(3).get("resource").get("groupId").getLongValue()).isEqualTo(team);
    assertThat(events.get(5).get("resource").isNull()).isTrue();
  }

  @Test
  void aStreamSendsEachCommitAndResumesAfterLastEventIdWithNothingBefore() throws Exception {
    long start = lastPosition();
    long first;
    try (EventStreamClient stream = EventStreamClient.open(server.getURI(), "/events")) {
      assertThat(stream.response().statusCode()).isEqualTo(200);
      assertThat(stream.response().headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
      assertThat(stream.response().headers().firstValue("X-Accel-Buffering")).contains("no");
      long id = created(http.postJson("/users", "{\"name\": \"Streamed\", \"email\": null}"));
      EventStreamClient.Received event = stream.next(1, WAIT).get(0);
      assertThat(event.event()).isEqualTo("user.created");
      first = Long.parseLong(event.id());
      assertThat(first).isEqualTo(start + 1);
      JsonNode data = body(event.data());
      assertThat(data.get("position").getLongValue()).isEqualTo(first);
      assertThat(data.get("resource").get("id").getLongValue()).isEqualTo(id);
      assertThat(stream.retry()).isEqualTo("2000");
    }
    // Made while nobody listens: a reconnect with the last id it saw gets them, and only them.
    long second = created(http.postJson("/users", "{\"name\": \"Missed 1\", \"email\": null}"));
    long third = created(http.postJson("/users", "{\"name\": \"Missed 2\", \"email\": null}"));
    for (String[] resume : List.of(
        new String[] {"/events", "Last-Event-ID", Long.toString(first)},
        new String[] {"/events?after=" + first},
        new String[] {"/events?after=0", "Last-Event-ID", Long.toString(first)})) {
      String[] headers = java.util.Arrays.copyOfRange(resume, 1, resume.length);
      try (EventStreamClient stream = EventStreamClient.open(server.getURI(), resume[0], headers)) {
        List<EventStreamClient.Received> missed = stream.next(2, WAIT);
        assertThat(missed)
            .extracting(EventStreamClient.Received::id)
            .containsExactly(Long.toString(first + 1), Long.toString(first + 2));
        assertThat(body(missed.get(0).data()).get("resourceId").getStringValue())
            .isEqualTo(Long.toString(second));
        assertThat(body(missed.get(1).data()).get("resourceId").getStringValue())
            .isEqualTo(Long.toString(third));
        assertThat(stream.next(Duration.ofMillis(300))).as("nothing more").isNull();
      }
    }
  }

  /**
   * 16 writers make random changes over HTTP while 4 streams follow the feed, each now and then
   * hanging up and reconnecting with the last id it handled: every stream ends with exactly the
   * feed's history from where it began, no gap, no duplicate, each event as a polled page shows it.
   */
  @Test
  void streamsThatHangUpAtRandomAndResumeEndWithTheWholeHistory() throws Exception {
    long start = lastPosition();
    java.util.concurrent.atomic.AtomicBoolean writing =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicLong end = new java.util.concurrent.atomic.AtomicLong(-1);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(20);
    try {
      List<java.util.concurrent.Future<List<EventStreamClient.Received>>> streams =
          new ArrayList<>();
      for (int s = 0; s < 4; s++) {
        java.util.Random random = new java.util.Random(4242L + s);
        streams.add(pool.submit(() -> follow(start, random, writing, end)));
      }
      List<java.util.concurrent.Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 16; w++) {
        java.util.Random random = new java.util.Random(1717L + w);
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            randomChange(random);
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> writer : writers) {
        writer.get(3, java.util.concurrent.TimeUnit.MINUTES);
      }
      writing.set(false);
      long last = lastPosition();
      end.set(last);
      List<JsonNode> history = poll(start, (int) (last - start));
      assertThat(history).hasSize((int) (last - start)).hasSizeGreaterThan(150);
      for (java.util.concurrent.Future<List<EventStreamClient.Received>> stream : streams) {
        List<EventStreamClient.Received> got = stream.get(2, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(got).hasSize(history.size());
        for (int i = 0; i < got.size(); i++) {
          assertThat(got.get(i).id()).isEqualTo(Long.toString(start + 1 + i));
          assertThat(body(got.get(i).data())).isEqualTo(history.get(i));
          assertThat(got.get(i).event()).isEqualTo(history.get(i).get("type").getStringValue());
        }
      }
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }
  }

  /** A stream from {@code start}, hanging up at random, until it has reached {@code end}. */
  private List<EventStreamClient.Received> follow(
      long start,
      java.util.Random random,
      java.util.concurrent.atomic.AtomicBoolean writing,
      java.util.concurrent.atomic.AtomicLong end)
      throws Exception {
    List<EventStreamClient.Received> handled = new ArrayList<>();
    while (true) {
      long from = handled.isEmpty()
          ? start
          : Long.parseLong(handled.get(handled.size() - 1).id());
      try (EventStreamClient stream = EventStreamClient.open(
          server.getURI(), "/events", "Last-Event-ID", Long.toString(from))) {
        assertThat(stream.response().statusCode()).isEqualTo(200);
        while (true) {
          long target = end.get();
          long at = handled.isEmpty()
              ? start
              : Long.parseLong(handled.get(handled.size() - 1).id());
          if (target >= 0 && at >= target) {
            return handled;
          }
          EventStreamClient.Received event = stream.next(Duration.ofMillis(200));
          if (event == null) {
            continue;
          }
          handled.add(event);
          if (writing.get() && random.nextInt(15) == 0) {
            break; // hang up, and reconnect with the last id handled
          }
        }
      }
    }
  }

  private void randomChange(java.util.Random random) {
    HttpCalls plain = new HttpCalls(server.getURI());
    try {
      switch (random.nextInt(6)) {
        case 0, 1 -> plain.postJson("/users", "{\"name\": \"R" + random.nextInt(1000) + "\"}");
        case 2 ->
          plain.send(
              "PATCH",
              "/users/" + (1 + random.nextInt(60)),
              "application/merge-patch+json",
              "{\"name\": \"P" + random.nextInt(1000) + "\"}");
        case 3 -> plain.delete("/users/" + (1 + random.nextInt(60)));
        case 4 ->
          plain.postJson(
              "/groups",
              "{\"name\": \"G" + random.nextInt(1_000_000) + "\", \"description\": null}");
        default ->
          plain.send(
              random.nextBoolean() ? "PUT" : "DELETE",
              "/groups/" + (1 + random.nextInt(10)) + "/members/" + (1 + random.nextInt(60)),
              null,
              null);
      }
    } catch (RuntimeException refused) {
      // a transport failure is the test's own; the answers themselves are not checked here
    }
  }

  @Test
  void anImportSaysSoInTheFeedWithItsCounts() throws Exception {
    long start = lastPosition();
    HttpResponse<String> imported = http.send(
        "POST",
        "/admin/import",
        "application/x-ndjson",
        "{\"name\":\"Imported 1\"}\n{\"name\":\"Imported 2\"}\n");
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    List<JsonNode> events = poll(start, 1);
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(event.get("type").getStringValue()).isEqualTo("import.completed");
    assertThat(event.get("resource").get("users").getLongValue()).isEqualTo(2);
    assertThat(event.get("resource").get("memberships").getLongValue()).isZero();
  }

  @Test
  void badPositionsAndLimitsAreProblemsThatNameThem() throws Exception {
    long last = lastPosition();
    for (String[] bad : List.of(
        new String[] {"/events?after=-1", "after"},
        new String[] {"/events?after=1e3", "after"},
        new String[] {"/events?limit=0", "limit"},
        new String[] {"/events?limit=1001", "limit"},
        new String[] {"/events?since=3", "since"})) {
      HttpResponse<String> refused = http.get(bad[0]);
      assertThat(refused.statusCode()).as(bad[0]).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(refused.body()).contains("\"" + bad[1] + "\"");
    }
    HttpResponse<String> badHeader = http.get("/events", "Last-Event-ID", "x");
    assertThat(badHeader.statusCode()).isEqualTo(400);
    assertThat(badHeader.body()).contains("Last-Event-ID");
    try (EventStreamClient stream = EventStreamClient.open(server.getURI(), "/events?limit=5")) {
      assertThat(stream.response().statusCode()).isEqualTo(400);
    }

    HttpResponse<String> ahead = http.get("/events?after=" + (last + 1000));
    assertThat(ahead.statusCode()).isEqualTo(410);
    assertThat(ahead.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(ahead.body()).contains("beyond the feed's last");
  }

  @Test
  void aPositionPastTheRetentionIsGoneOnBothForms() throws Exception {
    created(http.postJson("/users", "{\"name\": \"Old news\", \"email\": null}"));
    created(http.postJson("/users", "{\"name\": \"Older news\", \"email\": null}"));
    long last = lastPosition();
    assertThat(feed.prune(Instant.now().plusSeconds(60), 1_000_000)).isPositive();
    // Everything but the newest, which retention always keeps.
    long oldest = last;
    assertThat(feed.bounds().pruned()).isEqualTo(oldest - 1);

    HttpResponse<String> gone = http.get("/events?after=" + (oldest - 2));
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(gone.body()).contains("past retention").contains("oldest kept is " + oldest);
    try (EventStreamClient stream = EventStreamClient.open(
        server.getURI(), "/events", "Last-Event-ID", Long.toString(oldest - 2))) {
      assertThat(stream.response().statusCode()).isEqualTo(410);
    }
    // From the oldest kept, nothing is missing.
    HttpResponse<String> fromOldest = http.get("/events?after=" + (oldest - 1));
    assertThat(fromOldest.statusCode()).isEqualTo(200);
    assertThat(body(fromOldest.body()).get("items").size()).isEqualTo(1);
    HttpResponse<String> unpositioned = http.get("/events");
    assertThat(body(unpositioned.body()).get("next").getStringValue())
        .isEqualTo("/events?after=" + last);
  }
}
