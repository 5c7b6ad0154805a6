package dev.userbase.app;

import dev.userbase.api.http.server.Draining;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Stops the server in order on SIGTERM (and Ctrl-C): new requests get 503 and every response
 * closes its connection for {@code drain-delay}, so clients and load balancers move on; then the
 * listeners close and the requests in flight finish, within {@code grace-period}; then the
 * application context closes, which drains the write queue, checkpoints the WAL and closes the
 * pools; the process exits 0.
 */
@Context
@Requires(property = GracefulStop.ENABLED, value = "true")
final class GracefulStop {

  /** Set by {@link Application#main}: tests that start a server in their own JVM keep its signals. */
  static final String ENABLED = "userbase.shutdown.handle-signals";

  private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

  private final java.util.concurrent.atomic.AtomicBoolean stopping =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Draining draining;
  private final GracefulShutdownManager shutdown;
  private final Duration drainDelay;
  private final Duration gracePeriod;

  GracefulStop(Draining draining, GracefulShutdownManager shutdown, ShutdownSettings settings) {
    this.draining = draining;
    this.shutdown = shutdown;
    this.drainDelay = settings.drainDelay();
    this.gracePeriod = settings.gracePeriod();
    Signal.handle(new Signal("TERM"), this::onSignal);
    Signal.handle(new Signal("INT"), this::onSignal);
  }

  private void onSignal(Signal signal) {
    // One stop, however many signals come: a launcher passing SIGTERM on to its JVM, and a
    // process manager sending it to both, must not start two.
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    Thread stopper = new Thread(() -> stop(signal.getName()), "userbase-graceful-stop");
    stopper.start();
  }

  private void stop(String signal) {
    long start = System.nanoTime();
    LOG.info(
        "SIG{}: draining; new requests get 503 for {} ms, then in-flight requests get up to {} ms",
        signal,
        drainDelay.toMillis(),
        gracePeriod.toMillis());
    draining.begin();
    try {
      Thread.sleep(drainDelay.toMillis());
      shutdown
          .shutdownGracefully()
          .toCompletableFuture()
          .get(gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("In-flight requests done in {} ms; closing the store", elapsedMillis(start));
    } catch (TimeoutException e) {
      LOG.warn(
          "Grace period of {} ms over with requests still in flight; stopping",
          gracePeriod.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("Graceful shutdown failed: {}", e.toString());
    }
    // The shutdown hooks close the application context: the writer drains, the WAL is folded in.
    System.exit(0);
  }

  private static long elapsedMillis(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}
