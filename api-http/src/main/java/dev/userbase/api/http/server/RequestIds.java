package dev.userbase.api.http.server;

import dev.userbase.api.http.common.HttpSettings;
import dev.userbase.api.http.problem.Problems;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.annotation.PreMatching;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is sane (1 to 128 visible
 * ASCII characters), otherwise a new one. The id is returned in the response, put in the MDC of
 * every log line written for the request (as {@code requestId}), and in every problem body. With
 * {@code userbase.http.access-log} on, it also writes one access line per request.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
public final class RequestIds implements Ordered {

  private static final Logger ACCESS = LoggerFactory.getLogger("userbase.access");

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  private static final String STARTED = RequestIds.class.getName() + ".started";
  private static final Pattern SANE = Pattern.compile("[\\x21-\\x7e]{1,128}");

  private final boolean accessLog;

  RequestIds(HttpSettings settings) {
    this.accessLog = settings.accessLog();
  }

  @Override
  public int getOrder() {
    // Outermost of all: every answer, the screen's refusals included, carries the id.
    return ServerFilterPhase.FIRST.before() - 1;
  }

  @PreMatching
  @RequestFilter
  void assign(HttpRequest<?> request, MutablePropagatedContext context) {
    String given = request.getHeaders().get(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : newId();
    request.setAttribute(Problems.REQUEST_ID, id);
    if (accessLog) {
      request.setAttribute(STARTED, System.nanoTime());
    }
    context.add(new InMdc(id));
  }

  @ResponseFilter
  void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
    String id = Problems.requestId(request);
    if (id != null) {
      response.header(HEADER, id);
    }
    if (accessLog) {
      long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
      access(
          id,
          request.getMethod().name(),
          request.getUri().getRawPath(),
          response.code(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          request.getRemoteAddress().getAddress().getHostAddress());
    }
  }

  /**
   * Writes one access line, with the request's id in its MDC: method, raw path, status, time
   * taken and the client's address.
   */
  static void access(String id, String method, String path, int status, long millis, String ip) {
    MDC.put(MDC_KEY, id);
    try {
      ACCESS.info("{} {} {} {} ms {}", method, path, status, millis, ip);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  /**
   * A new id: 96 random bits. They only tell requests apart, so a fast generator does, not a
   * secure one (which cost a few percent of a GET).
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return HexFormat.of().toHexDigits(random.nextLong())
        + HexFormat.of().toHexDigits(random.nextInt());
  }

  /**
   * The id in the MDC of whichever thread works on the request, and out again after: one entry
   * put and removed, where Micronaut's {@code MdcPropagationContext} copies the whole map twice
   * on every hop (a fifth of a GET's allocations).
   */
  private record InMdc(String id) implements ThreadPropagatedContextElement<String> {
    @Override
    public String updateThreadContext() {
      String before = MDC.get(MDC_KEY);
      MDC.put(MDC_KEY, id);
      return before;
    }

    @Override
    public void restoreThreadContext(String before) {
      if (before == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, before);
      }
    }
  }
}
