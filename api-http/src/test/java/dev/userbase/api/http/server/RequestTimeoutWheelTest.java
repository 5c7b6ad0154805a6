package dev.userbase.api.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class RequestTimeoutWheelTest {

  /**
   * The wheel's tick is an hour here, so it never gets to drop the cancelled timeout: only the
   * timeout letting go of its task can make the task collectable.
   */
  @Test
  void aCancelledTimeoutNoLongerHoldsItsTask() {
    RequestTimeout.Wheel wheel = new RequestTimeout.Wheel(TimeUnit.HOURS.toMillis(1));
    try {
      WeakReference<Runnable> task = scheduleAndCancel(wheel);
      for (int i = 0; i < 20 && task.get() != null; i++) {
        System.gc();
      }
      assertThat(task.get()).as("the cancelled request's task").isNull();
    } finally {
      wheel.dispose();
    }
  }

  @Test
  void aTimeoutThatIsDueRunsItsTaskOnce() throws InterruptedException {
    RequestTimeout.Wheel wheel = new RequestTimeout.Wheel(10);
    try {
      AtomicInteger runs = new AtomicInteger();
      CountDownLatch ran = new CountDownLatch(1);
      Disposable set = wheel.schedule(
          () -> {
            runs.incrementAndGet();
            ran.countDown();
          },
          1,
          TimeUnit.MILLISECONDS);

      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(runs).hasValue(1);
      assertThat(set.isDisposed()).isTrue();
    } finally {
      wheel.dispose();
    }
  }

  @Test
  void aCancelledTimeoutDoesNotRun() {
    RequestTimeout.Wheel wheel = new RequestTimeout.Wheel(10);
    try {
      AtomicInteger runs = new AtomicInteger();
      Disposable set = wheel.schedule(runs::incrementAndGet, 1, TimeUnit.HOURS);
      set.dispose();
      RequestTimeout.Pending pending = (RequestTimeout.Pending) set;
      pending.run(null);

      assertThat(set.isDisposed()).isTrue();
      assertThat(runs).hasValue(0);
    } finally {
      wheel.dispose();
    }
  }

  private static WeakReference<Runnable> scheduleAndCancel(RequestTimeout.Wheel wheel) {
    byte[] requestChain = new byte[1 << 20];
    Runnable task = () -> requestChain[0]++;
    Disposable set = wheel.schedule(task, 30, TimeUnit.SECONDS);
    set.dispose();
    return new WeakReference<>(task);
  }
}
