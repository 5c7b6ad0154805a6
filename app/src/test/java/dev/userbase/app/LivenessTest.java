package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.api.http.HttpCalls;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Liveness turns DOWN once threads are deadlocked, which only a restart mends, and UP again when
 * they are not; a probe reads the last scan and never scans itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@MicronautTest(transactional = false)
class LivenessTest implements SqliteTestDatabase {

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SqliteTestDatabase.super.getProperties());
    properties.put("userbase.health.deadlock-scan-interval", "100ms");
    return properties;
  }

  @Test
  void deadlockedThreadsTurnLivenessDownAndItsEndTurnsItUp() throws Exception {
    HttpCalls http = new HttpCalls(server.getURI());
    assertThat(http.get("/health/liveness").statusCode()).isEqualTo(200);

    ReentrantLock first = new ReentrantLock();
    ReentrantLock second = new ReentrantLock();
    CountDownLatch bothHold = new CountDownLatch(2);
    Thread one = new Thread(() -> cross(first, second, bothHold), "deadlocked-one");
    Thread two = new Thread(() -> cross(second, first, bothHold), "deadlocked-two");
    one.setDaemon(true);
    two.setDaemon(true);
    one.start();
    two.start();
    try {
      assertThat(awaitStatus(http, 503)).contains("DOWN");
    } finally {
      // Lock waits that can be interrupted: the deadlock ends, and no other test meets it.
      one.interrupt();
      two.interrupt();
      one.join(5000);
      two.join(5000);
    }
    assertThat(awaitStatus(http, 200)).contains("UP");
  }

  /** Takes {@code mine}, waits until the other thread holds its own, then wants {@code theirs}. */
  private static void cross(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHold) {
    mine.lock();
    try {
      bothHold.countDown();
      bothHold.await();
      theirs.lockInterruptibly();
      theirs.unlock();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      mine.unlock();
    }
  }

  /** Polls liveness until it answers {@code status}, within 10 s; returns the body. */
  private static String awaitStatus(HttpCalls http, int status) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      var answer = http.get("/health/liveness");
      if (answer.statusCode() == status) {
        return answer.body();
      }
      assertThat(System.nanoTime()).as("liveness answered " + status).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
