package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import dev.userbase.api.http.access.Scope;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A token bucket per token: a burst over the limit gets 429 problem+json with Retry-After and the
 * draft's RateLimit headers, another token is not affected, health is never limited, and the
 * client is served again once it has waited as told.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class RateLimitTest implements SqliteTestDatabase {

  private static final int BURST = 5;

  private final TestTokens tokens = new TestTokens()
      .with("greedy", Scope.USERS_READ)
      .with("patient", Scope.USERS_READ)
      .write();

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SqliteTestDatabase.super.getProperties());
    properties.put("userbase.auth.tokens-file", tokens.file().toString());
    // Slow enough that the test's own pace cannot refill the bucket between calls.
    properties.put("userbase.rate-limit.requests-per-second", "1");
    properties.put("userbase.rate-limit.burst", Integer.toString(BURST));
    return properties;
  }

  @Test
  void aBurstOverTheLimitGets429WithRetryAfterAndIsServedAgainAfterWaiting() throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    String[] greedy = {"Authorization", tokens.bearer("greedy")};
    int served = 0;
    HttpResponse<String> limited = null;
    for (int i = 0; i < BURST * 3 && limited == null; i++) {
      HttpResponse<String> answer = http.get("/users", greedy);
      if (answer.statusCode() == 429) {
        limited = answer;
      } else {
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("RateLimit-Policy"))
            .contains("\"default\";q=" + BURST + ";w=" + BURST);
        assertThat(answer.headers().firstValue("RateLimit").orElseThrow())
            .startsWith("\"default\";r=");
        served++;
      }
    }
    assertThat(limited).as("a 429 within three bursts").isNotNull();
    // A second may pass between calls on a slow machine, refilling one token: at most one more.
    assertThat(served).isBetween(BURST, BURST + 1);
    assertThat(limited.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(limited.body()).contains("\"status\":429").contains("rate-limited");
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 2L);
    assertThat(limited.headers().firstValue("RateLimit").orElseThrow())
        .matches("\"default\";r=0;t=[12]");

    String[] patient = {"Authorization", tokens.bearer("patient")};
    assertThat(http.get("/users", patient).statusCode()).isEqualTo(200);
    assertThat(http.get("/health", greedy).statusCode()).isEqualTo(200);

    Thread.sleep(retryAfter * 1_000);
    assertThat(http.get("/users", greedy).statusCode()).isEqualTo(200);
  }
}
