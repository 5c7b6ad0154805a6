package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A handler that outlives userbase.http.request-timeout: the client gets 503 problem+json. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class RequestTimeoutTest implements SqliteTestDatabase {

  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SqliteTestDatabase.super.getProperties());
    properties.put("userbase.http.request-timeout", "500ms");
    properties.put("userbase.test.stuck-handler", "true");
    return properties;
  }

  /** A handler held until the test lets it go. */
  @Controller("/test/stuck")
  @Requires(property = "userbase.test.stuck-handler", value = "true")
  static class StuckHandler {
    @Post
    @ExecuteOn(TaskExecutors.BLOCKING)
    String hold() throws InterruptedException {
      RELEASE.await(30, TimeUnit.SECONDS);
      return "late";
    }
  }

  @Test
  void aHandlerThatTakesTooLongGets503WithRetryAfterAndTheOthersAreServed() {
    HttpCalls http = new HttpCalls(server.getURI());
    try {
      HttpResponse<String> late = http.send("POST", "/test/stuck", null, null);
      assertThat(late.statusCode()).isEqualTo(503);
      assertThat(late.headers().firstValue("Retry-After")).contains("5");
      assertThat(late.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(late.body())
          .contains("\"status\":503")
          .contains("timed-out")
          .contains("not answered within 500 ms")
          .contains("may still complete");
      assertThat(http.get("/users").statusCode()).isEqualTo(200);
    } finally {
      RELEASE.countDown();
    }
  }
}
