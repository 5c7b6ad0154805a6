package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.domain.ChangeFeed;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With {@code userbase.events.enabled=false} no change writes an event and /events is 404, on
 * every store: each wires its outbox its own way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FeedOffSuite {

  static final String OFF = "userbase.events.enabled";

  @Inject
  EmbeddedServer server;

  @Inject
  ChangeFeed feed;

  @Test
  void changesWriteNoEventAndTheFeedIsNotServed() throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    HttpResponse<String> user = http.postJson("/users", "{\"name\": \"Quiet\"}");
    assertThat(user.statusCode()).isEqualTo(201);
    String userPath = user.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> group = http.postJson("/groups", "{\"name\": \"Quiet\"}");
    assertThat(group.statusCode()).isEqualTo(201);
    String member = group.headers().firstValue("Location").orElseThrow() + "/members/"
        + userPath.substring("/users/".length());
    assertThat(http.send("PUT", member, null, null).statusCode()).isEqualTo(201);
    assertThat(http.delete(userPath).statusCode()).isEqualTo(204);

    HttpResponse<String> events = http.get("/events");
    assertThat(events.statusCode()).isEqualTo(404);
    assertThat(events.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(feed.after(0, 10)).isEmpty();
    assertThat(feed.bounds()).isEqualTo(new ChangeFeed.Bounds(0, 0));
  }
}
