package dev.userbase.api.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.time.Duration;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A request whose handling takes longer than {@code userbase.http.request-timeout} gets 503
 * problem+json. The handler is not interrupted (a JDBC call cannot be stopped halfway safely),
 * so the answer says that a write may still complete.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class RequestTimeout implements HttpServerFilter, Ordered {

  private static final Logger LOG = LoggerFactory.getLogger(RequestTimeout.class);

  private final Duration timeout;
  private final UnavailableAnswers unavailable;

  RequestTimeout(
      @Value("${userbase.http.request-timeout:30s}") Duration timeout,
      UnavailableAnswers unavailable) {
    this.timeout = timeout;
    this.unavailable = unavailable;
  }

  @Override
  public int getOrder() {
    // Innermost: it times the handling, not the queueing in front of it.
    return ServerFilterPhase.LAST.after();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (timeout.isZero() || timeout.isNegative()) {
      return chain.proceed(request);
    }
    return Mono.from(chain.proceed(request))
        .timeout(timeout, Mono.fromSupplier(() -> timedOut(request)));
  }

  private MutableHttpResponse<?> timedOut(HttpRequest<?> request) {
    unavailable.count("timed-out");
    LOG.warn("{} {}: 503, not answered within {}", request.getMethod(), request.getPath(), timeout);
    boolean write =
        !request.getMethod().name().equals("GET") && !request.getMethod().name().equals("HEAD");
    return Problems.response(
            request,
            ProblemType.TIMED_OUT,
            "The request was not answered within "
                + timeout.toMillis()
                + " ms."
                + (write ? " The write may still complete: read before retrying." : ""),
            null)
        .header(HttpHeaders.RETRY_AFTER, "5");
  }
}
