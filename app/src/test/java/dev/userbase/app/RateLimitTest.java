package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.access.Scope;
import dev.userbase.api.http.HttpCalls;
import io.github.bucket4j.TimeMeter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A token bucket per token: a burst over the limit gets 429 problem+json with Retry-After and the
 * draft's RateLimit headers, another token is not affected, health is never limited, and the
 * client is served again once it has waited as told. The buckets refill by a clock the test moves,
 * so what is served does not depend on how fast the machine runs the test.
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
    Map<String, String> properties = tokens.over(SqliteTestDatabase.super.getProperties());
    properties.put("userbase.rate-limit.requests-per-second", "1");
    properties.put("userbase.rate-limit.burst", Integer.toString(BURST));
    properties.put(ManualClock.SETTING, "true");
    return properties;
  }

  /** A clock that stands still until the test moves it. */
  @Singleton
  @Requires(property = ManualClock.SETTING, value = "true")
  static final class ManualClock implements TimeMeter {
    static final String SETTING = "userbase.test.manual-rate-clock";
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long currentTimeNanos() {
      return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }

    void advance(Duration by) {
      nanos.addAndGet(by.toNanos());
    }
  }

  @Inject
  ManualClock clock;

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
    assertThat(served).isEqualTo(BURST);
    assertThat(limited.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(limited.body()).contains("\"status\":429").contains("rate-limited");
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isEqualTo(1);
    assertThat(limited.headers().firstValue("RateLimit").orElseThrow())
        .isEqualTo("\"default\";r=0;t=1");

    String[] patient = {"Authorization", tokens.bearer("patient")};
    assertThat(http.get("/users", patient).statusCode()).isEqualTo(200);
    assertThat(http.get("/health", greedy).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMillis(retryAfter * 1_000 - 1));
    assertThat(http.get("/users", greedy).statusCode()).as("a moment too soon").isEqualTo(429);
    clock.advance(Duration.ofMillis(1));
    assertThat(http.get("/users", greedy).statusCode())
        .as("after waiting as told")
        .isEqualTo(200);
  }
}
