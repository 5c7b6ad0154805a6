package dev.userbase.api.http.server;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.userbase.api.http.problem.Problem;
import dev.userbase.api.http.problem.ProblemType;
import dev.userbase.api.http.problem.Problems;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;

/**
 * A token bucket per client (bucket4j): per token name when the request carries a valid token,
 * per client address otherwise. {@code burst} requests may come at once; the bucket refills at
 * {@code requests-per-second}. Over the limit: 429 problem+json with {@code Retry-After}. Every
 * limited answer carries the IETF draft's {@code RateLimit} and {@code RateLimit-Policy} headers.
 * Off unless {@code userbase.rate-limit.requests-per-second} is set.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
@Requires(property = RateLimitSettings.RATE)
final class RateLimits implements Ordered {

  private static final String PROBE = RateLimits.class.getName() + ".probe";
  private static final String POLICY = "\"default\"";

  private final long rate;
  private final long burst;
  private final String policy;
  private final LoadingCache<String, Bucket> buckets;

  /**
   * @param clock what the buckets refill by: a {@link TimeMeter} bean when there is one (a test's
   *     clock), else the system's monotonic clock
   */
  RateLimits(RateLimitSettings settings, @Nullable TimeMeter clock) {
    long rate = settings.requestsPerSecond();
    Long burst = settings.burst();
    TimeMeter time = clock != null ? clock : TimeMeter.SYSTEM_NANOTIME;
    this.rate = rate;
    this.burst = burst == null ? rate : burst;
    long window = Math.max(1, ceilDiv(this.burst, rate));
    this.policy = POLICY + ";q=" + this.burst + ";w=" + window;
    this.buckets = Caffeine.newBuilder()
        // A bucket idle this long is full again anyway: forgetting it changes nothing.
        .expireAfterAccess(Duration.ofSeconds(window + 60))
        .maximumSize(1_000_000)
        .build(key -> Bucket.builder()
            .addLimit(limit -> limit.capacity(this.burst).refillGreedy(rate, Duration.ofSeconds(1)))
            .withCustomTimePrecision(time)
            .build());
  }

  @Override
  public int getOrder() {
    // After security, which names the token the bucket belongs to.
    return ServerFilterPhase.SECURITY.after();
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> take(HttpRequest<?> request) {
    if (request.getPath().startsWith("/health")) {
      return null;
    }
    ConsumptionProbe probe = buckets.get(clientOf(request)).tryConsumeAndReturnRemaining(1);
    request.setAttribute(PROBE, probe);
    if (probe.isConsumed()) {
      return null;
    }
    long retryAfter = Math.max(1, ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L));
    MutableHttpResponse<Problem> refused = Problems.response(
            request,
            ProblemType.RATE_LIMITED,
            "More than "
                + burst
                + " requests at once, or more than "
                + rate
                + " a second; retry after "
                + retryAfter
                + " s",
            null)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    headers(request, refused);
    return refused;
  }

  @ResponseFilter
  void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
    request.getAttribute(PROBE, ConsumptionProbe.class).ifPresent(probe -> {
      long remaining = probe.getRemainingTokens();
      // Seconds until the bucket is full again: the draft's reset for a token bucket.
      long reset = probe.isConsumed()
          ? ceilDiv((burst - remaining) * 1_000L, rate * 1_000L)
          : Math.max(1, ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L));
      response.getHeaders().set("RateLimit-Policy", policy);
      response.getHeaders().set("RateLimit", POLICY + ";r=" + remaining + ";t=" + reset);
    });
  }

  private static String clientOf(HttpRequest<?> request) {
    return request
        .getUserPrincipal()
        .map(Principal::getName)
        .map(name -> "token " + name)
        .orElseGet(() -> {
          InetSocketAddress remote = request.getRemoteAddress();
          return "address "
              + (remote == null || remote.getAddress() == null
                  ? "unknown"
                  : remote.getAddress().getHostAddress());
        });
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
