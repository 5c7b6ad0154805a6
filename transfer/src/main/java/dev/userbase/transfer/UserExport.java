package dev.userbase.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.userbase.domain.User;
import dev.userbase.domain.UserTransfer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Every user of a store as NDJSON: one user a line, every field, in id order, one snapshot. The
 * store reads on the caller's thread while another writes the lines: on two cores the two
 * overlap.
 */
public final class UserExport {

  private static final int BATCH = 1024;
  private static final User[] END = new User[0];

  private UserExport() {}

  /**
   * Writes them all to {@code out} (which it flushes, and leaves open), calling {@code step} after
   * each.
   *
   * @return how many were written
   * @throws IOException if {@code out} fails (a closed pipe, a gone client)
   */
  public static long write(UserTransfer store, OutputStream out, Runnable step) throws IOException {
    ArrayBlockingQueue<User[]> queue = new ArrayBlockingQueue<>(16);
    Writer writer = new Writer(queue, out, step);
    Thread thread = new Thread(writer, "userbase-export-writer");
    thread.setDaemon(true);
    thread.start();
    long rows;
    boolean handed = false;
    try {
      User[][] batch = {new User[BATCH]};
      int[] size = {0};
      rows = store.exportAll(user -> {
        batch[0][size[0]++] = user;
        if (size[0] == BATCH) {
          hand(queue, batch[0], writer);
          batch[0] = new User[BATCH];
          size[0] = 0;
        }
      });
      hand(queue, java.util.Arrays.copyOf(batch[0], size[0]), writer);
      hand(queue, END, writer);
      handed = true;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      if (!handed) {
        // The store failed or the writer did: the writer stops where it is.
        thread.interrupt();
      }
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (writer.failure != null) {
      throw writer.failure;
    }
    return rows;
  }

  /** Queues a batch for the writer; stops the export once the writer has failed. */
  private static void hand(ArrayBlockingQueue<User[]> queue, User[] batch, Writer writer) {
    try {
      while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        if (writer.failure != null) {
          throw new UncheckedIOException(writer.failure);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted while exporting"));
    }
  }

  /** Takes batches and writes their lines, until the end. */
  private static final class Writer implements Runnable {
    private final ArrayBlockingQueue<User[]> queue;
    private final OutputStream out;
    private final Runnable step;
    volatile IOException failure;

    Writer(ArrayBlockingQueue<User[]> queue, OutputStream out, Runnable step) {
      this.queue = queue;
      this.out = out;
      this.step = step;
    }

    @Override
    public void run() {
      char[] time = new char[24];
      try (JsonGenerator json = UserLines.generator(out)) {
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        for (User[] batch = queue.take(); batch != END; batch = queue.take()) {
          for (User user : batch) {
            UserLines.write(user, json, time);
            step.run();
          }
        }
        json.flush();
      } catch (IOException e) {
        failure = e;
      } catch (InterruptedException e) {
        // the export stopped: nothing more to write
      }
    }
  }
}
