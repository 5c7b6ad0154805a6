package dev.userbase.api.http.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** One subscriber's stream: what reaches its connection, in how many writes, and when it ends. */
class EventStreamTest {

  @Test
  void eventsOfferedTogetherGoOutAsOneWrite() {
    EventStream stream = new EventStream(10, 0);
    Recorder connection = new Recorder(Long.MAX_VALUE);
    stream.subscribe(connection);
    connection.request(0);

    assertThat(stream.offer(List.of(bytes("id: 1\n\n"), bytes("id: 2\n\n"), bytes("id: 3\n\n"))))
        .isTrue();
    stream.offer(bytes("id: 4\n\n"));

    assertThat(connection.writes).containsExactly("id: 1\n\nid: 2\n\nid: 3\n\n", "id: 4\n\n");
  }

  @Test
  void eventsThatDoNotFitInTheBufferEndTheStreamAndNoneOfThemIsWritten() {
    EventStream stream = new EventStream(3, 0);
    Recorder connection = new Recorder(0);
    stream.subscribe(connection);
    stream.offer(bytes("id: 1\n\n"));

    boolean taken =
        stream.offer(List.of(bytes("id: 2\n\n"), bytes("id: 3\n\n"), bytes("id: 4\n\n")));
    connection.request(10);

    assertThat(taken).isFalse();
    assertThat(stream.ended()).isTrue();
    assertThat(connection.writes).isEmpty();
    assertThat(connection.completed).isTrue();
  }

  @Test
  void aConnectionThatCannotTakeAWriteEndsItsStreamWithTheCause() {
    EventStream stream = new EventStream(10, 0);
    OutOfMemoryError full = new OutOfMemoryError("Cannot reserve 16384 bytes of direct memory");
    Recorder connection = new Recorder(Long.MAX_VALUE) {
      @Override
      public void onNext(ByteBuf chunk) {
        if (!writes.isEmpty()) {
          throw full;
        }
        super.onNext(chunk);
      }
    };
    stream.subscribe(connection);
    connection.request(0);

    assertThat(stream.offer(bytes("id: 1\n\n"))).isTrue();
    boolean taken = stream.offer(bytes("id: 2\n\n"));

    assertThat(taken).isFalse();
    assertThat(stream.ended()).isTrue();
    assertThat(connection.writes).containsExactly("id: 1\n\n");
    assertThat(connection.error).isSameAs(full);
    assertThat(stream.offer(bytes("id: 3\n\n"))).isFalse();
  }

  @Test
  void aConnectionThatCancelsIsNeverWrittenToAgain() {
    EventStream stream = new EventStream(10, 0);
    Recorder connection = new Recorder(Long.MAX_VALUE);
    stream.subscribe(connection);
    stream.offer(bytes("id: 1\n\n"));

    connection.subscription.cancel();

    assertThat(stream.offer(bytes("id: 2\n\n"))).isFalse();
    assertThat(stream.ended()).isTrue();
    assertThat(connection.writes).containsExactly("id: 1\n\n");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** A connection: records each write, and asks for {@code initial} writes when subscribed. */
  private static class Recorder implements Subscriber<ByteBuf> {
    final List<String> writes = new ArrayList<>();
    private final long initial;
    private Subscription subscription;
    boolean completed;
    Throwable error;

    Recorder(long initial) {
      this.initial = initial;
    }

    void request(long n) {
      if (n > 0) {
        subscription.request(n);
      }
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
      writes.add(chunk.toString(StandardCharsets.US_ASCII));
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
  }
}
