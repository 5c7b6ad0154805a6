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
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A request whose handling takes longer than {@code userbase.http.request-timeout} gets 503
 * problem+json. The handler is not interrupted (a JDBC call cannot be stopped halfway safely),
 * so the answer says that a write may still complete.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class RequestTimeout implements HttpServerFilter, Ordered, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RequestTimeout.class);

  private final Duration timeout;
  private final UnavailableAnswers unavailable;
  private final Wheel wheel = new Wheel();

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
        .timeout(timeout, Mono.fromSupplier(() -> timedOut(request)), wheel);
  }

  @Override
  @PreDestroy
  public void close() {
    wheel.dispose();
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

  /**
   * The timeouts' clock: a Netty timer wheel, one thread that ticks ten times a second, where
   * setting and cancelling a timeout are a queue's add. Reactor's default (a scheduled thread
   * pool, locked on every set and cancel) cost several percent of a GET. A timeout fires within a
   * tick of its time, which a limit of seconds does not notice.
   */
  private static final class Wheel implements Scheduler {
    private final HashedWheelTimer timer = new HashedWheelTimer(
        new DefaultThreadFactory("userbase-request-timeout", true), 100, TimeUnit.MILLISECONDS);

    @Override
    public Disposable schedule(Runnable task) {
      return schedule(task, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
      Timeout set = timer.newTimeout(ignored -> task.run(), delay, unit);
      return new Disposable() {
        @Override
        public void dispose() {
          set.cancel();
        }

        @Override
        public boolean isDisposed() {
          return set.isCancelled() || set.isExpired();
        }
      };
    }

    @Override
    public Worker createWorker() {
      Disposable.Composite tasks = Disposables.composite();
      return new Worker() {
        @Override
        public Disposable schedule(Runnable task) {
          return schedule(task, 0, TimeUnit.MILLISECONDS);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
          if (tasks.isDisposed()) {
            throw new RejectedExecutionException("the worker is disposed");
          }
          Disposable set = Wheel.this.schedule(task, delay, unit);
          tasks.add(set);
          return set;
        }

        @Override
        public void dispose() {
          tasks.dispose();
        }

        @Override
        public boolean isDisposed() {
          return tasks.isDisposed();
        }
      };
    }

    @Override
    public void dispose() {
      timer.stop();
    }
  }
}
