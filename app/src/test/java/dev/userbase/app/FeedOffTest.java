package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.domain.ChangeFeed;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With {@code userbase.events.enabled=false} no change writes an event and /events is 404. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedOffTest implements TestPropertyProvider {

  @Inject
  EmbeddedServer server;

  @Inject
  ChangeFeed feed;

  @Override
  public Map<String, String> getProperties() {
    try {
      return Map.of(
          "userbase.sqlite.path",
          Files.createTempDirectory("userbase-test").resolve("users.db").toString(),
          "micronaut.server.port",
          "-1",
          "userbase.events.enabled",
          "false");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void changesWriteNoEventAndTheFeedIsNotServed() throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    assertThat(http.postJson("/users", "{\"name\": \"Quiet\"}").statusCode()).isEqualTo(201);
    assertThat(http.postJson("/groups", "{\"name\": \"Quiet\"}").statusCode()).isEqualTo(201);
    assertThat(http.send("PUT", "/groups/1/members/1", null, null).statusCode()).isEqualTo(201);
    assertThat(http.delete("/users/1").statusCode()).isEqualTo(204);

    HttpResponse<String> events = http.get("/events");
    assertThat(events.statusCode()).isEqualTo(404);
    assertThat(events.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(feed.after(0, 10)).isEmpty();
    assertThat(feed.bounds()).isEqualTo(new ChangeFeed.Bounds(0, 0));
  }
}
