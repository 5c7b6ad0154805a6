package dev.userbase.api.http.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.userbase.api.http.common.HttpSettings;
import dev.userbase.api.http.server.Draining;
import dev.userbase.domain.ChangeEvent;
import dev.userbase.domain.ChangeFeed;
import dev.userbase.domain.ChangeType;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The thread that hands the feed to this instance's streams, on a feed kept in memory. */
class FeedDispatcherTest {

  private final MemoryFeed feed = new MemoryFeed();
  private FeedDispatcher dispatcher;

  @AfterEach
  void close() {
    if (dispatcher != null) {
      dispatcher.close();
    }
  }

  @Test
  void theEventsOfOneCommitReachAStreamAsOneWrite() throws Exception {
    RecordingConnection connection = open();

    feed.append(3);

    List<String> writes = connection.awaitWrites(2);
    assertThat(writes.get(0)).startsWith(": position 0\n");
    assertThat(writes.get(1))
        .isEqualTo("id: 1\nevent: user.created\ndata: {}\n\n"
            + "id: 2\nevent: user.created\ndata: {}\n\n"
            + "id: 3\nevent: user.created\ndata: {}\n\n");
  }

  @Test
  void aRoundThatFailsWithAnErrorIsTriedAgainAndTheStreamsGoOn() throws Exception {
    RecordingConnection connection = open();
    // The stream's first round has read the feed: the read that fails is the one a commit wakes.
    feed.awaitReads(1);
    feed.failNextRead(new OutOfMemoryError("Cannot reserve 16384 bytes of direct buffer memory"));

    feed.append(1);

    List<String> writes = connection.awaitWrites(2);
    assertThat(feed.failures.get()).isEqualTo(1);
    assertThat(writes.get(1)).startsWith("id: 1\n");
  }

  private RecordingConnection open() throws Exception {
    JsonMapper json = mock(JsonMapper.class);
    when(json.writeValueAsString(any())).thenReturn("{}");
    HttpSettings http = new HttpSettings(
        65536,
        1 << 30,
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        100,
        false,
        false);
    dispatcher = new FeedDispatcher(
        feed,
        json,
        new EventSettings(Duration.ofMinutes(1), Duration.ofSeconds(2), 100),
        http,
        new Draining(),
        null);
    EventStream stream = dispatcher.open(0, Duration.ofSeconds(2));
    RecordingConnection connection = new RecordingConnection(Long.MAX_VALUE);
    stream.subscribe(connection);
    connection.awaitWrites(1);
    return connection;
  }

  /** A feed in memory; a read can be made to fail once. */
  private static final class MemoryFeed implements ChangeFeed {
    private final List<ChangeEvent> events = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile Error failure;

    /** Appends {@code count} events at once, as one commit does, and says so. */
    void append(int count) {
      synchronized (events) {
        for (int i = 0; i < count; i++) {
          events.add(new ChangeEvent(
              events.size() + 1, ChangeType.USER_CREATED, Instant.EPOCH, "1", 1L, null));
        }
      }
      listeners.forEach(Runnable::run);
    }

    void failNextRead(Error error) {
      failure = error;
    }

    void awaitReads(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (reads.get() < count && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(reads.get()).as("reads of the feed").isGreaterThanOrEqualTo(count);
    }

    @Override
    public List<ChangeEvent> after(long position, int limit) {
      reads.incrementAndGet();
      Error error = failure;
      if (error != null) {
        failure = null;
        failures.incrementAndGet();
        throw error;
      }
      synchronized (events) {
        return List.copyOf(events.subList((int) Math.min(position, events.size()), (int)
            Math.min(position + limit, events.size())));
      }
    }

    @Override
    public Bounds bounds() {
      synchronized (events) {
        return new Bounds(0, events.size());
      }
    }

    @Override
    public long prune(Instant time, int limit) {
      return 0;
    }

    @Override
    public void onAppended(Runnable listener) {
      listeners.add(listener);
    }
  }
}
