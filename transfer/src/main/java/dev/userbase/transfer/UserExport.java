package dev.userbase.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.userbase.domain.Group;
import dev.userbase.domain.User;
import dev.userbase.domain.UserTransfer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Everything in a store as NDJSON, from one snapshot: every user, a line each with every field,
 * in id order; then every group, likewise; then every membership, by group and user. The store
 * reads on the caller's thread while another writes the lines: on two cores the two overlap.
 */
public final class UserExport {

  private static final int BATCH = 1024;
  private static final Object[] END = new Object[0];

  private UserExport() {}

  /**
   * Writes them all to {@code out} (which it flushes, and leaves open), calling {@code step} after
   * each.
   *
   * @return how many of each were written
   * @throws IOException if {@code out} fails (a closed pipe, a gone client)
   */
  public static UserTransfer.Counts write(UserTransfer store, OutputStream out, Runnable step)
      throws IOException {
    ArrayBlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(16);
    Writer writer = new Writer(queue, out, step);
    Thread thread = new Thread(writer, "userbase-export-writer");
    thread.setDaemon(true);
    thread.start();
    UserTransfer.Counts rows;
    boolean handed = false;
    try {
      Batcher batcher = new Batcher(queue, writer);
      rows = store.exportAll(batcher);
      hand(queue, java.util.Arrays.copyOf(batcher.batch, batcher.size), writer);
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

  /** Gathers the rows the store hands on into batches for the writer. */
  private static final class Batcher implements UserTransfer.Sink {
    private final ArrayBlockingQueue<Object[]> queue;
    private final Writer writer;
    Object[] batch = new Object[BATCH];
    int size;

    Batcher(ArrayBlockingQueue<Object[]> queue, Writer writer) {
      this.queue = queue;
      this.writer = writer;
    }

    @Override
    public void user(User user) {
      add(user);
    }

    @Override
    public void group(Group group) {
      add(group);
    }

    @Override
    public void member(UserTransfer.Member member) {
      add(member);
    }

    private void add(Object row) {
      batch[size++] = row;
      if (size == BATCH) {
        hand(queue, batch, writer);
        batch = new Object[BATCH];
        size = 0;
      }
    }
  }

  /** Queues a batch for the writer; stops the export once the writer has failed. */
  private static void hand(ArrayBlockingQueue<Object[]> queue, Object[] batch, Writer writer) {
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
    private final ArrayBlockingQueue<Object[]> queue;
    private final OutputStream out;
    private final Runnable step;
    volatile IOException failure;

    Writer(ArrayBlockingQueue<Object[]> queue, OutputStream out, Runnable step) {
      this.queue = queue;
      this.out = out;
      this.step = step;
    }

    @Override
    public void run() {
      char[] time = new char[24];
      try (JsonGenerator json = UserLines.generator(out)) {
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        for (Object[] batch = queue.take(); batch != END; batch = queue.take()) {
          for (Object row : batch) {
            if (row instanceof User user) {
              UserLines.write(user, json, time);
            } else if (row instanceof Group group) {
              UserLines.write(group, json, time);
            } else {
              UserLines.write((UserTransfer.Member) row, json);
            }
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
