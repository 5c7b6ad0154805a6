package dev.userbase.api.http.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe from the thread that makes a streamed response to the one that sends it: chunks
 * of up to 64 KiB in a queue of 16. Unlike {@link java.io.PipedInputStream} it never looks at
 * which threads are alive (that one reports "write end dead" when the last thread that wrote has
 * ended, even if another is about to close the pipe). The reading side sees the end only after
 * {@link #out}'s close, and an error after {@link #fail}; closing it makes the writing side fail,
 * so a client that goes away stops the work.
 */
final class ChunkPipe {

  private static final int CHUNK = 1 << 16;
  private static final Object END = new Object();

  private final ArrayBlockingQueue<Object> chunks = new ArrayBlockingQueue<>(16);
  private volatile boolean readerClosed;

  /** The writing side; its close is the end of the data. */
  final OutputStream out = new OutputStream() {
    private final byte[] buffer = new byte[CHUNK];
    private int size;

    @Override
    public void write(int b) throws IOException {
      if (size == buffer.length) {
        send();
      }
      buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      while (length > 0) {
        int n = Math.min(length, buffer.length - size);
        System.arraycopy(bytes, offset, buffer, size, n);
        size += n;
        offset += n;
        length -= n;
        if (size == buffer.length) {
          send();
        }
      }
    }

    @Override
    public void flush() throws IOException {
      send();
    }

    @Override
    public void close() throws IOException {
      send();
      put(END);
    }

    private void send() throws IOException {
      if (size > 0) {
        put(Arrays.copyOf(buffer, size));
        size = 0;
      }
    }
  };

  /** The reading side; its close tells the writing side to stop. */
  final InputStream in = new InputStream() {
    private byte[] chunk = new byte[0];
    private int at;
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      while (at == chunk.length) {
        if (ended) {
          return -1;
        }
        Object next;
        try {
          next = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading the pipe");
        }
        if (next == END) {
          ended = true;
          return -1;
        }
        if (next instanceof IOException failure) {
          throw failure;
        }
        chunk = (byte[]) next;
        at = 0;
      }
      int n = Math.min(length, chunk.length - at);
      System.arraycopy(chunk, at, bytes, offset, n);
      at += n;
      return n;
    }

    @Override
    public void close() {
      readerClosed = true;
      chunks.clear();
    }
  };

  /** Ends the data with an error: the reading side throws it instead of seeing the end. */
  void fail(IOException failure) {
    try {
      put(failure);
    } catch (IOException ignored) {
      // the reader has gone: nobody is left to tell
    }
  }

  private void put(Object item) throws IOException {
    try {
      while (!chunks.offer(item, 100, TimeUnit.MILLISECONDS)) {
        if (readerClosed) {
          throw new IOException("the reader went away");
        }
      }
      if (readerClosed) {
        throw new IOException("the reader went away");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the pipe");
    }
  }
}
