package dev.userbase.api.http.events;

import dev.userbase.api.http.common.HttpSettings;
import dev.userbase.api.http.server.Draining;
import dev.userbase.domain.ChangeEvent;
import dev.userbase.domain.ChangeFeed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the feed to this instance's open streams. One thread reads each new page of events once,
 * renders each event once, and offers it to every stream that has reached that page; a stream
 * that is behind (it resumed from an older position) is read for on its own until it catches up.
 * The store wakes the thread when events may be readable ({@link ChangeFeed#onAppended}); it also
 * wakes to send keep-alives. Made at start, so that its meters are there from the start at 0.
 */
@Context
@Requires(property = "userbase.events.enabled", notEquals = "false")
@Requires(beans = ChangeFeed.class)
final class FeedDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FeedDispatcher.class);

  /** Events read at a time, for the live page and for one stream catching up. */
  static final int PAGE = 500;

  /**
   * The least time from one round over the streams to the next, for each open stream, up to
   * {@link #MOST_PACE_NANOS}: with many streams, each gets the events of several commits in one
   * write rather than one write a commit (a write to a thousand connections costs more than the
   * commit it announces), at the cost of a few milliseconds' delay.
   */
  static final long PACE_PER_STREAM_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

  static final long MOST_PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final ChangeFeed feed;
  private final JsonMapper json;
  private final long keepAliveNanos;
  private final int buffer;
  private final ConcurrentLinkedQueue<EventStream> joining = new ConcurrentLinkedQueue<>();
  private final List<EventStream> streams = new ArrayList<>();
  private final Object signal = new Object();
  private final Thread thread;
  private final Counter cutOff;
  private boolean woken;
  private volatile boolean closed;
  private volatile int open;
  private long live = -1;

  FeedDispatcher(
      ChangeFeed feed,
      JsonMapper json,
      EventSettings settings,
      HttpSettings http,
      Draining draining,
      @Nullable MeterRegistry meters) {
    this.feed = feed;
    this.json = json;
    this.buffer = settings.buffer();
    // Within the server's idle timeout, whatever the settings: a quiet stream must stay open.
    this.keepAliveNanos =
        Math.min(settings.keepAlive().toNanos(), http.idleTimeout().toNanos() / 2);
    this.thread = new Thread(this::run, "userbase-feed-streams");
    thread.setDaemon(true);
    if (meters != null) {
      Gauge.builder("userbase.events.subscribers", this, d -> d.open)
          .description("Open event streams on this instance")
          .register(meters);
      this.cutOff = Counter.builder("userbase.events.cut.off")
          .description("Event streams cut off because their client read too slowly")
          .register(meters);
    } else {
      this.cutOff = null;
    }
    // A stopping server ends every stream at once: its clients reconnect to another instance.
    draining.onBegin(this::close);
  }

  /** A new stream, after {@code position}; the first call starts the thread. */
  EventStream open(long position, Duration retry) {
    EventStream stream = new EventStream(buffer, position);
    stream.offer(ascii(": position " + position + "\nretry: " + retry.toMillis() + "\n\n"));
    synchronized (thread) {
      if (thread.getState() == Thread.State.NEW) {
        feed.onAppended(this::wake);
        thread.start();
      }
    }
    joining.add(stream);
    wake();
    return stream;
  }

  /** Events may have become readable, or a stream joined. */
  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void run() {
    long nextRound = System.nanoTime();
    while (!closed) {
      synchronized (signal) {
        if (!woken) {
          try {
            signal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(keepAliveNanos) / 3));
          } catch (InterruptedException e) {
            return;
          }
        }
        woken = false;
      }
      for (long left; (left = nextRound - System.nanoTime()) > 0 && !closed; ) {
        LockSupport.parkNanos(left);
      }
      try {
        boolean behind;
        do {
          behind = round();
        } while (behind && !closed);
        nextRound = System.nanoTime() + Math.min(MOST_PACE_NANOS, open * PACE_PER_STREAM_NANOS);
      } catch (RuntimeException | Error e) {
        // Whatever it was, this thread goes on: without it no stream would hear of anything.
        LOG.warn("Event streams could not read the feed: {}", e.toString());
        pause();
        // Then the round is tried again, whether or not anything was committed meanwhile.
        wake();
      }
    }
    for (EventStream stream : streams) {
      stream.end(null);
    }
    for (EventStream stream; (stream = joining.poll()) != null; ) {
      stream.end(null);
    }
  }

  /** One pass over the streams; true when one is still behind and another pass is due. */
  private boolean round() {
    for (EventStream stream; (stream = joining.poll()) != null; ) {
      streams.add(stream);
    }
    streams.removeIf(EventStream::ended);
    open = streams.size();
    if (streams.isEmpty()) {
      return false;
    }
    if (live < 0) {
      live = feed.bounds().last();
    }
    Page page = render(feed.after(live, PAGE));
    long pageEnd = page.size() == 0 ? live : page.last();
    boolean behind = page.size() == PAGE;
    long now = System.nanoTime();
    for (EventStream stream : streams) {
      if (stream.cursor >= live && stream.cursor <= pageEnd) {
        deliver(stream, page);
      } else if (stream.cursor < live) {
        // Resumed from an older position: a page of its own, until it reaches the live one.
        deliver(stream, render(feed.after(stream.cursor, PAGE)));
        behind |= stream.cursor < pageEnd;
      }
      // A stream past the live page (it joined at a later "now") waits for the page to reach it.
      if (!stream.ended() && now - stream.lastOffered > keepAliveNanos) {
        stream.offer(KEEP_ALIVE.clone());
        stream.lastOffered = now;
      }
    }
    live = pageEnd;
    return behind;
  }

  /** Offers the events of {@code page} after the stream's cursor, as one batch. */
  private void deliver(EventStream stream, Page page) {
    int from = page.firstAfter(stream.cursor);
    if (from == page.size()) {
      return;
    }
    if (!stream.offer(page.bytes().subList(from, page.size()))) {
      if (cutOff != null) {
        cutOff.increment();
      }
      LOG.info(
          "An event stream was cut off at position {}: its client reads too slowly", stream.cursor);
      return;
    }
    stream.cursor = page.last();
    stream.lastOffered = System.nanoTime();
  }

  /**
   * Events rendered once, as the bytes of their Server-Sent Events frames, with their positions
   * (ascending).
   */
  private record Page(long[] positions, List<byte[]> bytes) {

    int size() {
      return positions.length;
    }

    /** The position of the last event; only for a page that has one. */
    long last() {
      return positions[positions.length - 1];
    }

    /** The index of the first event after {@code position}; {@link #size()} when none is. */
    int firstAfter(long position) {
      int found = Arrays.binarySearch(positions, position);
      return found >= 0 ? found + 1 : -found - 1;
    }
  }

  private static final byte[] KEEP_ALIVE = ascii(": keep-alive\n\n");

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Each event as its frame: {@code id:}, {@code event:}, one {@code data:} line (the JSON has no
   * line break: strings escape theirs), a blank line.
   */
  private Page render(List<ChangeEvent> events) {
    long[] positions = new long[events.size()];
    List<byte[]> bytes = new ArrayList<>(events.size());
    for (ChangeEvent event : events) {
      positions[bytes.size()] = event.position();
      String frame = "id: " + event.position() + "\nevent: " + event.type().wireName() + "\ndata: "
          + text(event) + "\n\n";
      bytes.add(frame.getBytes(StandardCharsets.UTF_8));
    }
    return new Page(positions, bytes);
  }

  /** The event as one line of JSON: a stream's {@code data:} and a polled page's item alike. */
  String text(ChangeEvent event) {
    try {
      return json.writeValueAsString(EventResponse.fromDomain(event));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void pause() {
    synchronized (signal) {
      try {
        signal.wait(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Ends every stream: a stopping server does not wait for clients that never hang up. */
  @PreDestroy
  @Override
  public void close() {
    closed = true;
    wake();
    if (thread.getState() == Thread.State.NEW) {
      for (EventStream stream; (stream = joining.poll()) != null; ) {
        stream.end(null);
      }
      return;
    }
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
