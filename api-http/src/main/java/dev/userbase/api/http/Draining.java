package dev.userbase.api.http;

import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Knows whether the server is shutting down. Micronaut's graceful shutdown calls every {@link
 * GracefulShutdownCapable} bean when it begins; from then on a request that still reaches a handler
 * gets 503 with Retry-After (another instance can take it), and readiness reports DOWN, while the
 * requests already in flight finish.
 */
@Singleton
public final class Draining implements GracefulShutdownCapable {

  private volatile boolean draining;

  /** Whether the shutdown drain has begun. */
  public boolean isDraining() {
    return draining;
  }

  @Override
  public CompletionStage<?> shutdownGracefully() {
    draining = true;
    return CompletableFuture.completedFuture(null);
  }
}
