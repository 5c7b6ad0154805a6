package dev.userbase.api.http.server;

import jakarta.inject.Singleton;

/**
 * Knows whether the server is shutting down. Once the drain begins, a request that still reaches
 * the server gets 503 with Retry-After (another instance can take it) and every response closes
 * its connection, while the requests already in flight finish; readiness reports DOWN.
 */
@Singleton
public final class Draining {

  private volatile boolean draining;
  private final java.util.List<Runnable> onBegin =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Whether the shutdown drain has begun. */
  public boolean isDraining() {
    return draining;
  }

  /** Begins the drain; there is no way back. */
  public void begin() {
    draining = true;
    onBegin.forEach(Runnable::run);
  }

  /**
   * Runs {@code action} when the drain begins: what holds a request open for ever (an event
   * stream) ends it then, so that the requests in flight can finish.
   */
  public void onBegin(Runnable action) {
    onBegin.add(action);
  }
}
