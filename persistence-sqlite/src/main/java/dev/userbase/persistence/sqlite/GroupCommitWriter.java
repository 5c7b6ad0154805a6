package dev.userbase.persistence.sqlite;

import dev.userbase.domain.StoreBusyException;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer, with group commit: one thread drains the queued writes into one transaction,
 * so one fsync covers all of them. Each write runs in its own savepoint, so one that fails (a
 * duplicate email, say) fails alone; every caller learns its result only after the transaction's
 * commit has returned, never before the write is durable.
 */
final class GroupCommitWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  private final TransactionOperations<Connection> transactions;
  private final BlockingQueue<PendingWrite<?>> queue;
  private final int maxBatch;
  private final long maxWaitNanos;
  private final Thread thread;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private volatile boolean running = true;

  GroupCommitWriter(
      TransactionOperations<Connection> transactions,
      int capacity,
      int maxBatch,
      Duration maxWait) {
    this.transactions = transactions;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.maxBatch = maxBatch;
    this.maxWaitNanos = maxWait.toNanos();
    this.thread = new Thread(this::run, "userbase-sqlite-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Runs {@code write} in the next batch and waits until that batch is committed.
   *
   * @throws StoreBusyException at once, when the queue is full
   */
  <T> T submit(Supplier<T> write) {
    PendingWrite<T> pending = new PendingWrite<>(write);
    if (!running || !queue.offer(pending)) {
      throw new StoreBusyException("the write queue is full; retry shortly");
    }
    try {
      return pending.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Transactions committed so far. */
  long commits() {
    return commits.get();
  }

  /** Writes waiting for the writer. */
  int queued() {
    return queue.size();
  }

  /** Writes done so far, failed ones included. */
  long writes() {
    return writes.get();
  }

  private void run() {
    List<PendingWrite<?>> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        PendingWrite<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        collect(batch);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      } catch (RuntimeException | Error e) {
        LOG.error("The SQLite writer failed a batch of {} writes", batch.size(), e);
        batch.forEach(pending -> pending.result.completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
    for (PendingWrite<?> left; (left = queue.poll()) != null; ) {
      left.result.completeExceptionally(new StoreBusyException("the store is shutting down"));
    }
  }

  /** Adds what is queued, and what arrives within the wait, up to the batch size. */
  private void collect(List<PendingWrite<?>> batch) throws InterruptedException {
    queue.drainTo(batch, maxBatch - batch.size());
    long deadline = System.nanoTime() + maxWaitNanos;
    while (batch.size() < maxBatch && maxWaitNanos > 0) {
      long left = deadline - System.nanoTime();
      PendingWrite<?> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        break;
      }
      batch.add(next);
      queue.drainTo(batch, maxBatch - batch.size());
    }
  }

  private void commit(List<PendingWrite<?>> batch) {
    List<Runnable> outcomes = new ArrayList<>(batch.size());
    transactions.executeWrite(status -> {
      Connection connection = status.getConnection();
      for (PendingWrite<?> pending : batch) {
        outcomes.add(runInSavepoint(connection, pending));
      }
      return null;
    });
    commits.incrementAndGet();
    writes.addAndGet(batch.size());
    // Only now, with the commit returned, does any caller hear of its write.
    outcomes.forEach(Runnable::run);
  }

  private static <T> Runnable runInSavepoint(Connection connection, PendingWrite<T> pending) {
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set a savepoint", e);
    }
    try {
      T value = pending.write.get();
      connection.releaseSavepoint(savepoint);
      return () -> pending.result.complete(value);
    } catch (RuntimeException e) {
      rollbackTo(connection, savepoint);
      return () -> pending.result.completeExceptionally(e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot release a savepoint", e);
    }
  }

  private static void rollbackTo(Connection connection, Savepoint savepoint) {
    try {
      connection.rollback(savepoint);
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot roll back to a savepoint", e);
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class PendingWrite<T> {
    final Supplier<T> write;
    final CompletableFuture<T> result = new CompletableFuture<>();

    PendingWrite(Supplier<T> write) {
      this.write = write;
    }
  }
}
