package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A quiet event stream outlives the server's idle timeout on its keep-alives, on a real server
 * whose idle timeout is short. ({@link EventStreamCutOffTest}: a client that stops reading.)
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamLimitsTest implements SqliteTestDatabase {

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SqliteTestDatabase.super.getProperties());
    properties.put("userbase.http.idle-timeout", "1s");
    properties.put("userbase.events.keep-alive", "300ms");
    return properties;
  }

  @Test
  void aQuietStreamOutlivesTheIdleTimeoutOnItsKeepAlives() throws Exception {
    try (EventStreamClient stream = EventStreamClient.open(server.getURI(), "/events")) {
      Thread.sleep(2500);
      assertThat(stream.ended()).as("ended by the 1 s idle timeout").isFalse();
      List<String> comments = stream.takeComments();
      assertThat(comments.stream().filter("keep-alive"::equals).count()).isGreaterThanOrEqualTo(3);
      assertThat(new HttpCalls(server.getURI())
              .postJson("/users", "{\"name\": \"Still there\"}")
              .statusCode())
          .isEqualTo(201);
      assertThat(stream.next(Duration.ofSeconds(5))).isNotNull();
    }
  }
}
