package dev.userbase.api.http.events;

import java.util.ArrayDeque;
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
final class EventStream implements Publisher<byte[]>, Subscription {

  /** At most this many bytes of frames go out as one chunk. */
  private static final int CHUNK = 64 * 1024;

  private final int capacity;
  private final ArrayDeque<byte[]> buffer = new ArrayDeque<>();
  private final AtomicLong demand = new AtomicLong();
  private final AtomicInteger draining = new AtomicInteger();
  private volatile Subscriber<? super byte[]> subscriber;
  private volatile boolean ended;
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
  public void subscribe(Subscriber<? super byte[]> s) {
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
    ended = true;
    synchronized (buffer) {
      buffer.clear();
    }
  }

  /** Whether the stream has ended: cancelled by its connection, cut off, or closed. */
  boolean ended() {
    return ended;
  }

  /**
   * Offers one event. False, and the stream ended, when its buffer is full: the client reads too
   * slowly to keep up.
   */
  boolean offer(byte[] event) {
    if (ended) {
      return false;
    }
    synchronized (buffer) {
      if (buffer.size() >= capacity) {
        buffer.clear();
        ended = true;
      } else {
        buffer.add(event);
      }
    }
    drain();
    return !ended;
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

  /**
   * The frames waiting, as one chunk of up to {@link #CHUNK} bytes: a client that is behind gets
   * many events in one write, not one write each.
   */
  private byte[] take() {
    synchronized (buffer) {
      byte[] first = buffer.poll();
      if (first == null || buffer.isEmpty() || first.length >= CHUNK) {
        return first;
      }
      int size = first.length;
      int count = 1;
      for (byte[] frame : buffer) {
        if (size + frame.length > CHUNK) {
          break;
        }
        size += frame.length;
        count++;
      }
      byte[] chunk = new byte[size];
      System.arraycopy(first, 0, chunk, 0, first.length);
      int at = first.length;
      for (int i = 1; i < count; i++) {
        byte[] frame = buffer.poll();
        System.arraycopy(frame, 0, chunk, at, frame.length);
        at += frame.length;
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
      Subscriber<? super byte[]> s = subscriber;
      if (s != null) {
        while (demand.get() > 0) {
          byte[] next = take();
          if (next == null) {
            break;
          }
          demand.decrementAndGet();
          s.onNext(next);
        }
        boolean empty;
        synchronized (buffer) {
          empty = buffer.isEmpty();
        }
        if (ended && empty && !endSignalled) {
          endSignalled = true;
          if (endCause != null) {
            s.onError(endCause);
          } else {
            s.onComplete();
          }
        }
      }
      missed = draining.addAndGet(-missed);
    } while (missed != 0);
  }
}
