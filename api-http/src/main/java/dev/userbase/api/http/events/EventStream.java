package dev.userbase.api.http.events;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One subscriber's stream: a bounded buffer between the feed's one dispatching thread, which
 * offers events, and the connection, which takes them as fast as its client reads. A client that
 * falls so far behind that the buffer fills is cut off at once (its buffer dropped): it resumes
 * with {@code Last-Event-ID}, and nobody else waits for it.
 */
final class EventStream implements Publisher<ByteBuf>, Subscription {

  /**
   * At most this many bytes of frames go out as one chunk. The server holds a chunk per stream in
   * direct memory until its client reads it, on top of what the connection may queue, so a
   * thousand clients that fall behind at once hold tens of megabytes, not hundreds.
   */
  private static final int CHUNK = 16 * 1024;

  private final int capacity;
  private final ArrayDeque<byte[]> buffer = new ArrayDeque<>();
  private final AtomicLong demand = new AtomicLong();
  private final AtomicInteger draining = new AtomicInteger();
  private volatile Subscriber<? super ByteBuf> subscriber;
  private volatile boolean ended;
  private boolean cancelled;
  private boolean endSignalled;
  private Throwable endCause;

  /** The last position offered to it; only the dispatching thread touches it. */
  long cursor;

  /** When something was last offered to it (ns); only the dispatching thread touches it. */
  long lastOffered = System.nanoTime();

  EventStream(int capacity, long cursor) {
    this.capacity = capacity;
    this.cursor = cursor;
  }

  @Override
  public void subscribe(Subscriber<? super ByteBuf> s) {
    if (subscriber != null) {
      s.onSubscribe(this);
      s.onError(new IllegalStateException("an event stream has one subscriber"));
      return;
    }
    subscriber = s;
    s.onSubscribe(this);
    drain();
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      end(new IllegalArgumentException("request must be positive"));
      return;
    }
    demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
    drain();
  }

  @Override
  public void cancel() {
    synchronized (buffer) {
      cancelled = true;
      ended = true;
      buffer.clear();
    }
  }

  /** Whether the stream has ended: cancelled by its connection, cut off, or closed. */
  boolean ended() {
    return ended;
  }

  /**
   * Offers one event, or a comment. False, and the stream ended, when its buffer is full: the
   * client reads too slowly to keep up.
   */
  boolean offer(byte[] event) {
    return offer(List.of(event));
  }

  /**
   * Offers events, in order, to go out together. False, and the stream ended, when they do not
   * fit in its buffer: the client reads too slowly to keep up.
   */
  boolean offer(List<byte[]> events) {
    boolean taken = false;
    synchronized (buffer) {
      // Checked under the lock: a connection that cancels meanwhile is never written to again.
      if (ended) {
        return false;
      } else if (buffer.size() + events.size() > capacity) {
        buffer.clear();
        ended = true;
      } else {
        buffer.addAll(events);
        taken = true;
      }
    }
    drain();
    // Ended by the write itself too: its connection could not take it.
    return taken && !ended;
  }

  /** Ends the stream after what it holds, or at once with {@code cause}'s error when given. */
  void end(Throwable cause) {
    synchronized (buffer) {
      if (cause != null) {
        buffer.clear();
      }
      endCause = cause;
      ended = true;
    }
    drain();
  }

  private void fail(Throwable cause) {
    synchronized (buffer) {
      buffer.clear();
      endCause = cause;
      ended = true;
    }
  }

  /**
   * The frames waiting, as one chunk of up to {@link #CHUNK} bytes: a client that is behind gets
   * many events in one write, not one write each. The frames are copied once, into the buffer
   * that goes to the socket.
   */
  private ByteBuf take() {
    synchronized (buffer) {
      if (cancelled || buffer.isEmpty()) {
        return null;
      }
      Iterator<byte[]> frames = buffer.iterator();
      int size = frames.next().length;
      int count = 1;
      while (frames.hasNext()) {
        int length = frames.next().length;
        if (size + length > CHUNK) {
          break;
        }
        size += length;
        count++;
      }
      ByteBuf chunk = ByteBufAllocator.DEFAULT.directBuffer(size, size);
      for (int i = 0; i < count; i++) {
        chunk.writeBytes(buffer.poll());
      }
      return chunk;
    }
  }

  private void drain() {
    if (draining.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      Subscriber<? super ByteBuf> s = subscriber;
      if (s != null) {
        while (demand.get() > 0) {
          ByteBuf next = null;
          try {
            next = take();
            if (next == null) {
              break;
            }
            demand.decrementAndGet();
            s.onNext(next);
          } catch (RuntimeException | OutOfMemoryError e) {
            // The server could not take the chunk: its direct memory, say, is taken up by
            // clients that read slowly. This stream ends (its client resumes), the feed goes on.
            if (next != null && next.refCnt() > 0) {
              next.release();
            }
            fail(e);
            break;
          }
        }
        boolean empty;
        synchronized (buffer) {
          empty = buffer.isEmpty();
        }
        if (ended && empty && !endSignalled) {
          endSignalled = true;
          try {
            if (endCause != null) {
              s.onError(endCause);
            } else {
              s.onComplete();
            }
          } catch (RuntimeException | OutOfMemoryError e) {
            // Nothing more can be said on this connection: it is closed when its client goes.
          }
        }
      }
      missed = draining.addAndGet(-missed);
    } while (missed != 0);
  }
}
