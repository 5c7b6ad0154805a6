package dev.userbase.api.http.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One subscriber's stream: what reaches its connection, in how many writes, and when it ends. */
class EventStreamTest {

  @Test
  void eventsOfferedTogetherGoOutAsOneWrite() {
    EventStream stream = new EventStream(10, 0);
    RecordingConnection connection = new RecordingConnection(Long.MAX_VALUE);
    stream.subscribe(connection);

    assertThat(stream.offer(List.of(bytes("id: 1\n\n"), bytes("id: 2\n\n"), bytes("id: 3\n\n"))))
        .isTrue();
    stream.offer(bytes("id: 4\n\n"));

    assertThat(connection.writes).containsExactly("id: 1\n\nid: 2\n\nid: 3\n\n", "id: 4\n\n");
  }

  @Test
  void eventsThatDoNotFitInTheBufferEndTheStreamAndNoneOfThemIsWritten() {
    EventStream stream = new EventStream(3, 0);
    RecordingConnection connection = new RecordingConnection(0);
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
    RecordingConnection connection = new RecordingConnection(Long.MAX_VALUE) {
      @Override
      public void onNext(ByteBuf chunk) {
        if (!writes.isEmpty()) {
          throw full;
        }
        super.onNext(chunk);
      }
    };
    stream.subscribe(connection);

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
    RecordingConnection connection = new RecordingConnection(Long.MAX_VALUE);
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
}
