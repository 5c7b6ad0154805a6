package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With no tokens, anonymous callers share a bucket per client address. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class AnonymousRateLimitTest implements SqliteTestDatabase {

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SqliteTestDatabase.super.getProperties());
    properties.put("userbase.rate-limit.requests-per-second", "1");
    properties.put("userbase.rate-limit.burst", "3");
    return properties;
  }

  @Test
  void anonymousCallsFromOneAddressShareABucket() {
    HttpCalls http = new HttpCalls(server.getURI());
    HttpResponse<String> limited = null;
    int served = 0;
    // Different routes, one caller: they draw on the same bucket.
    String[] paths = {"/users", "/users/1", "/users?limit=5", "/users", "/users/2", "/users"};
    for (String path : paths) {
      HttpResponse<String> answer = http.get(path);
      if (answer.statusCode() == 429) {
        limited = answer;
        break;
      }
      served++;
    }
    assertThat(served).isBetween(3, 4);
    assertThat(limited).isNotNull();
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(limited.body()).contains("\"status\":429");
  }
}
