package dev.userbase.api.http.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A stream's connection in a test: asks for {@code initial} writes when subscribed, records each
 * write as text, and how the stream ended. Writes may come from another thread.
 */
class RecordingConnection implements Subscriber<ByteBuf> {
  final List<String> writes = new CopyOnWriteArrayList<>();
  private final long initial;
  volatile Subscription subscription;
  volatile boolean completed;
  volatile Throwable error;

  RecordingConnection(long initial) {
    this.initial = initial;
  }

  void request(long n) {
    subscription.request(n);
  }

  @Override
  public void onSubscribe(Subscription s) {
    subscription = s;
    if (initial > 0) {
      s.request(initial);
    }
  }

  @Override
  public void onNext(ByteBuf chunk) {
    writes.add(chunk.toString(StandardCharsets.UTF_8));
    chunk.release();
  }

  @Override
  public void onError(Throwable t) {
    error = t;
  }

  @Override
  public void onComplete() {
    completed = true;
  }

  /** The writes, once there are at least {@code count}; fails after 10 s without them. */
  List<String> awaitWrites(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (writes.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(writes).as("writes to the connection").hasSizeGreaterThanOrEqualTo(count);
    return List.copyOf(writes);
  }
}
