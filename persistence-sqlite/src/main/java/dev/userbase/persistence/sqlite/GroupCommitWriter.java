package dev.userbase.persistence.sqlite;

import dev.userbase.domain.StoreBusyException;
import dev.userbase.domain.StoreUnavailableException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer, with group commit: one thread drains the queued writes into one transaction,
 * so one fsync covers all of them.
 *
 * <p>What it promises:
 *
 * <ul>
 *   <li>A caller hears success only when its write was in a transaction whose COMMIT returned.
 *       Each write runs in its own savepoint, so one that breaks a constraint fails alone; any
 *       other failure (a full disk, an I/O error, a rollback-only mark, a failed COMMIT) fails
 *       every caller of the batch, and nothing of it is stored.
 *   <li>The thread does not die: an interrupt or an unexpected error fails the batch at hand and
 *       the loop goes on. Should the thread end all the same, queued callers are failed and every
 *       later write is refused at once, and {@link #problem()} says so.
 *   <li>Every caller's wait is bounded; one that runs out while its write is still queued takes it
 *       back, so a 503 after a timeout means nothing was written.
 *   <li>{@link #close()} drains the queue; a write submitted after it is refused, never stranded.
 * </ul>
 */
final class GroupCommitWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  private final TransactionOperations<Connection> transactions;
  private final Supplier<String> fileProblem;
  private final BlockingQueue<PendingWrite<?>> queue;
  private final int maxBatch;
  private final long maxWaitNanos;
  private final long callerTimeoutNanos;
  private final Thread thread;
  private final DistributionSummary batchSizes;
  private final Timer commitTimes;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private volatile boolean closed;
  private volatile String lastFailure;
  private volatile boolean threadEnded;

  GroupCommitWriter(
      TransactionOperations<Connection> transactions,
      Supplier<String> fileProblem,
      int capacity,
      int maxBatch,
      Duration maxWait,
      Duration callerTimeout,
      MeterRegistry meters) {
    this.transactions = transactions;
    this.fileProblem = fileProblem;
    this.queue = new ArrayBlockingQueue<>(capacity);
    Gauge.builder("userbase.sqlite.queue", queue, BlockingQueue::size)
        .description("Writes waiting for the SQLite writer")
        .register(meters);
    this.batchSizes = DistributionSummary.builder("userbase.sqlite.batch.size")
        .description("Writes per SQLite commit")
        .register(meters);
    this.commitTimes = Timer.builder("userbase.sqlite.commit")
        .description("Time per SQLite group commit, from BEGIN to the COMMIT's return")
        .register(meters);
    this.maxBatch = maxBatch;
    this.maxWaitNanos = maxWait.toNanos();
    this.callerTimeoutNanos = callerTimeout.toNanos();
    this.thread = new Thread(this::run, "userbase-sqlite-writer");
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler((t, e) -> {
      LOG.error("The SQLite writer thread ended; writes are refused until a restart", e);
      threadEnded = true;
      failQueued(new StoreUnavailableException(
          "writer-stopped", "SQLite writer thread ended: " + e, e, false));
    });
    thread.start();
  }

  /**
   * Runs {@code write} in the next batch and waits until that batch is committed.
   *
   * @throws StoreBusyException at once, when the queue is full or the writer is closing; nothing
   *     was written
   * @throws StoreUnavailableException when the batch failed, or the wait ran out
   */
  <T> T submit(Supplier<T> write) {
    if (threadEnded) {
      throw new StoreUnavailableException(
          "writer-stopped", "SQLite writer thread has ended", null, false);
    }
    if (closed) {
      throw new StoreBusyException("the store is closing");
    }
    PendingWrite<T> pending = new PendingWrite<>(write);
    if (!queue.offer(pending)) {
      throw new StoreBusyException("the write queue is full");
    }
    // close() may have drained the queue between the check above and the offer.
    if ((closed || threadEnded) && queue.remove(pending)) {
      throw new StoreBusyException("the store is closing");
    }
    return pending.await(callerTimeoutNanos);
  }

  /** Transactions committed so far. */
  long commits() {
    return commits.get();
  }

  /** Writes waiting for the writer. */
  int queued() {
    return queue.size();
  }

  /** Whether close() has begun: from then on every new write is refused. */
  boolean closing() {
    return closed;
  }

  /** Writes done so far, failed ones included. */
  long writes() {
    return writes.get();
  }

  /**
   * Why the writer cannot write now, or null when its last batch committed. The reason clears when
   * a later batch commits.
   */
  String problem() {
    if (threadEnded) {
      return "the SQLite writer thread has ended";
    }
    if (closed) {
      return "the SQLite writer is stopped";
    }
    return lastFailure;
  }

  /**
   * Checks that a write can be committed now, through the writer like any write: a row is added
   * and removed again in one committed transaction, so a full disk or a read-only file shows.
   * Clears {@link #problem()} when it succeeds.
   *
   * @return null when the probe committed, otherwise why not
   */
  String probe() {
    try {
      submit(() -> {
        try (var statement = transactions.getConnection().createStatement()) {
          statement.executeUpdate("INSERT INTO writer_probe (filler) VALUES (zeroblob(4096))");
          statement.executeUpdate("DELETE FROM writer_probe");
          return null;
        } catch (SQLException e) {
          throw SqliteFaults.INSTANCE.unavailable("probe write", e, false);
        }
      });
      return null;
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  private void run() {
    List<PendingWrite<?>> batch = new ArrayList<>(maxBatch);
    while (!closed || !queue.isEmpty()) {
      try {
        PendingWrite<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first != null && first.take()) {
          batch.add(first);
        }
        collect(batch);
        if (!batch.isEmpty()) {
          commit(batch);
        }
      } catch (InterruptedException e) {
        // Nobody is meant to interrupt the writer (close() does not): note it and keep writing.
        LOG.warn("The SQLite writer was interrupted; it goes on");
      } catch (StoreUnavailableException e) {
        // A database fault: each caller's 503 is logged once, with this cause, where it is
        // answered.
        batch.forEach(pending -> pending.fail(e));
      } catch (Throwable e) {
        LOG.error("The SQLite writer failed a batch of {} writes", batch.size(), e);
        StoreUnavailableException failure = new StoreUnavailableException(
            "writer-error", "SQLite writer failed: " + SqliteFaults.INSTANCE.describe(e), e, false);
        batch.forEach(pending -> pending.fail(failure));
      } finally {
        batch.clear();
        // An interrupt flag left set would make every later poll throw at once: a busy loop.
        Thread.interrupted();
      }
    }
    failQueued(new StoreBusyException("the store is closing"));
  }

  private void failQueued(RuntimeException failure) {
    for (PendingWrite<?> left; (left = queue.poll()) != null; ) {
      left.fail(failure);
    }
  }

  /** Adds what is queued, and what arrives within the wait, up to the batch size. */
  private void collect(List<PendingWrite<?>> batch) {
    drain(batch);
    if (batch.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + maxWaitNanos;
    while (batch.size() < maxBatch && maxWaitNanos > 0) {
      long left = deadline - System.nanoTime();
      PendingWrite<?> next;
      try {
        next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      } catch (InterruptedException e) {
        // Commit what was collected; the loop clears the flag afterwards.
        LOG.warn("The SQLite writer was interrupted while collecting a batch; it goes on");
        break;
      }
      if (next == null) {
        break;
      }
      if (next.take()) {
        batch.add(next);
      }
      drain(batch);
    }
  }

  private void drain(List<PendingWrite<?>> batch) {
    List<PendingWrite<?>> taken = new ArrayList<>();
    queue.drainTo(taken, maxBatch - batch.size());
    for (PendingWrite<?> pending : taken) {
      if (pending.take()) {
        batch.add(pending);
      }
    }
  }

  private void commit(List<PendingWrite<?>> batch) {
    long started = System.nanoTime();
    List<Runnable> outcomes = new ArrayList<>(batch.size());
    AtomicInteger completion = new AtomicInteger(-1);
    RuntimeException[] firstFailure = new RuntimeException[1];
    try {
      transactions.executeWrite(status -> {
        status.registerSynchronization(new TransactionSynchronization() {
          @Override
          public void afterCompletion(Status outcome) {
            completion.set(outcome.ordinal());
          }
        });
        Connection connection = status.getConnection();
        try {
          for (PendingWrite<?> pending : batch) {
            outcomes.add(runInSavepoint(connection, pending));
          }
        } catch (RuntimeException e) {
          firstFailure[0] = e;
          throw e;
        }
        if (status.isRollbackOnly()) {
          firstFailure[0] =
              new IllegalStateException("the batch's transaction was marked rollback-only");
          throw firstFailure[0];
        }
        // A commit into a file that the path no longer leads to would be lost: refuse it.
        String gone = fileProblem.get();
        if (gone != null) {
          firstFailure[0] = new StoreUnavailableException(
              "file-gone", "SQLite write refused: " + gone + "; restart the server", null, false);
          throw firstFailure[0];
        }
        return null;
      });
    } catch (RuntimeException e) {
      // Keep the first cause: a failed rollback after it ("database in auto-commit mode") would
      // otherwise hide why the batch failed.
      RuntimeException cause = firstFailure[0] != null ? firstFailure[0] : e;
      if (cause != e) {
        cause.addSuppressed(e);
      }
      throw failed(cause);
    }
    if (completion.get() != TransactionSynchronization.Status.COMMITTED.ordinal()) {
      throw failed(new IllegalStateException("the batch's transaction ended without a commit"));
    }
    commits.incrementAndGet();
    writes.addAndGet(batch.size());
    commitTimes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    batchSizes.record(batch.size());
    lastFailure = null;
    // Only now, with the commit returned, does any caller hear of its write.
    outcomes.forEach(Runnable::run);
  }

  private StoreUnavailableException failed(RuntimeException cause) {
    StoreUnavailableException failure = cause instanceof StoreUnavailableException unavailable
        ? unavailable
        : SqliteFaults.INSTANCE.unavailable("write", cause, false);
    lastFailure = failure.getMessage();
    return failure;
  }

  /**
   * Runs one write in its own savepoint. A constraint it breaks fails it alone; any other failure
   * ends the batch (SQLite may already have rolled the whole transaction back, as it does on a full
   * disk).
   */
  private static <T> Runnable runInSavepoint(Connection connection, PendingWrite<T> pending) {
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set a savepoint", e);
    }
    T value;
    try {
      value = pending.write.get();
    } catch (RuntimeException e) {
      if (!SqliteFaults.INSTANCE.isConstraint(e) && SqliteFaults.isDatabaseFailure(e)) {
        throw e;
      }
      rollbackTo(connection, savepoint, e);
      return () -> pending.fail(e);
    }
    try {
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot release a savepoint", e);
    }
    return () -> pending.succeed(value);
  }

  private static void rollbackTo(
      Connection connection, Savepoint savepoint, RuntimeException cause) {
    try {
      connection.rollback(savepoint);
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      cause.addSuppressed(e);
      throw cause;
    }
  }

  /**
   * Stops taking writes, lets the writer commit what is queued, and waits for it (at most 30 s).
   */
  @Override
  public void close() {
    closed = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failQueued(new StoreBusyException("the store is closing"));
  }

  /** A write and its caller's future; the writer and a caller that gives up race to claim it. */
  private static final class PendingWrite<T> {
    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int WITHDRAWN = 2;

    final Supplier<T> write;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicInteger state = new AtomicInteger(QUEUED);

    PendingWrite(Supplier<T> write) {
      this.write = write;
    }

    /** The writer claims the write; false when its caller has withdrawn it. */
    boolean take() {
      return state.compareAndSet(QUEUED, TAKEN);
    }

    void succeed(T value) {
      result.complete(value);
    }

    void fail(RuntimeException e) {
      result.completeExceptionally(e);
    }

    T await(long timeoutNanos) {
      try {
        return result.get(timeoutNanos, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (state.compareAndSet(QUEUED, WITHDRAWN)) {
          throw new StoreUnavailableException(
              "writer-timeout",
              "SQLite writer did not reach the write within "
                  + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                  + " ms; it was withdrawn",
              null,
              false);
        }
        return awaitTaken(timeoutNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (state.compareAndSet(QUEUED, WITHDRAWN)) {
          throw new StoreUnavailableException(
              "interrupted", "interrupted while waiting for the SQLite writer", e, false);
        }
        throw new StoreUnavailableException(
            "interrupted", "interrupted while the SQLite writer stored the write", e, true);
      } catch (ExecutionException e) {
        throw rethrow(e.getCause());
      }
    }

    /** The writer has the write: its transaction is under way, so wait once more, then say so. */
    private T awaitTaken(long timeoutNanos) {
      try {
        return result.get(timeoutNanos, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw new StoreUnavailableException(
            "writer-timeout",
            "SQLite writer did not finish the write within "
                + 2 * TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                + " ms",
            null,
            true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException(
            "interrupted", "interrupted while the SQLite writer stored the write", e, true);
      } catch (ExecutionException e) {
        throw rethrow(e.getCause());
      }
    }

    private static RuntimeException rethrow(Throwable cause) {
      if (cause instanceof RuntimeException runtime) {
        return runtime;
      }
      return new StoreUnavailableException(
          "writer-error", "SQLite writer failed: " + cause, cause, false);
    }
  }
}
