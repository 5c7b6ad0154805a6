package dev.userbase.api.http.server;

import dev.userbase.api.http.common.HttpSettings;
import dev.userbase.api.http.problem.ProblemType;
import dev.userbase.api.http.problem.Problems;
import dev.userbase.api.http.problem.UnavailableAnswers;
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
import io.netty.util.TimerTask;
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
  private final Wheel wheel = new Wheel(100);

  RequestTimeout(HttpSettings settings, UnavailableAnswers unavailable) {
    this.timeout = settings.requestTimeout();
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
   *
   * <p>The wheel drops a cancelled timeout only at its next tick, so what it holds must not be the
   * task itself: that is the request's whole chain, which would then outlive a young collection
   * and be promoted with every answered request. Each timeout holds a {@link Pending}, which lets
   * go of its task when cancelled.
   */
  static final class Wheel implements Scheduler {
    private final HashedWheelTimer timer;

    Wheel(long tickMillis) {
      timer = new HashedWheelTimer(
          new DefaultThreadFactory("userbase-request-timeout", true),
          tickMillis,
          TimeUnit.MILLISECONDS);
    }

    @Override
    public Disposable schedule(Runnable task) {
      return schedule(task, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
      Pending pending = new Pending(task);
      pending.timeout = timer.newTimeout(pending, delay, unit);
      return pending;
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

  /** A task on the wheel that forgets it once cancelled or run. */
  static final class Pending implements TimerTask, Disposable {
    private volatile Runnable task;
    private volatile Timeout timeout;

    Pending(Runnable task) {
      this.task = task;
    }

    @Override
    public void run(Timeout fired) {
      Runnable due = task;
      task = null;
      if (due != null) {
        due.run();
      }
    }

    @Override
    public void dispose() {
      task = null;
      Timeout set = timeout;
      if (set != null) {
        set.cancel();
      }
    }

    @Override
    public boolean isDisposed() {
      return task == null;
    }
  }
}
