package dev.userbase.persistence.sqlite;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Settings of the SQLite store, under {@code userbase.sqlite}.
 *
 * @param path the database file; relative paths are resolved against the working directory
 * @param synchronous FULL makes every acknowledged write survive a power cut; NORMAL may lose the
 *     last writes on power loss (never on a crash of the process alone)
 * @param readerPoolSize connections that serve reads, in parallel with the one writer
 * @param busyTimeoutMs how long a connection waits on a lock before SQLite reports busy
 * @param writeQueueCapacity writes waiting for the writer; one more is refused at once (503)
 * @param maxBatchSize writes that one transaction, and so one fsync, may cover
 * @param maxBatchWaitMs how long the writer may wait for more writes to join a batch; 0 takes only
 *     what is already queued, which batches well under load and adds no latency when idle
 * @param writeTimeoutMs how long a caller waits for the writer to reach its write; one that waits
 *     longer takes the write back and gets 503 (nothing written)
 * @param connectionTimeoutMs how long a read waits for a pooled connection before it gets 503
 * @param walAutocheckpoint WAL pages after which a commit checkpoints; 0 leaves checkpoints to
 *     another process, such as Litestream
 * @param nativeDir a folder that keeps sqlite-jdbc's native library between starts; empty (the
 *     default) lets sqlite-jdbc copy it to the temp folder at every start
 */
@ConfigurationProperties("userbase.sqlite")
public record SqliteSettings(
    @Bindable(defaultValue = SqliteSettings.DEFAULT_PATH) String path,
    @Bindable(defaultValue = "FULL") Synchronous synchronous,
    @Bindable(defaultValue = "8") int readerPoolSize,
    @Bindable(defaultValue = "5000") int busyTimeoutMs,
    @Bindable(defaultValue = "4096") int writeQueueCapacity,
    @Bindable(defaultValue = "256") int maxBatchSize,
    @Bindable(defaultValue = "0") int maxBatchWaitMs,
    @Bindable(defaultValue = "10000") int writeTimeoutMs,
    @Bindable(defaultValue = "5000") int connectionTimeoutMs,
    @Bindable(defaultValue = "1000") int walAutocheckpoint,
    @Bindable(defaultValue = "") String nativeDir) {

  /** Where the database is when no path is set, resolved against the working directory. */
  public static final String DEFAULT_PATH = "./data/userbase.db";

  /** The setting that names the file. */
  public static final String PATH = "userbase.sqlite.path";

  /** The durability levels offered; OFF and EXTRA are deliberately not among them. */
  public enum Synchronous {
    FULL,
    NORMAL
  }

  public SqliteSettings {
    if (readerPoolSize < 1) {
      throw new IllegalArgumentException("userbase.sqlite.reader-pool-size must be at least 1");
    }
    if (writeQueueCapacity < 1 || maxBatchSize < 1 || maxBatchWaitMs < 0 || maxBatchWaitMs > 1000) {
      throw new IllegalArgumentException(
          "userbase.sqlite: write-queue-capacity and max-batch-size must be at least 1,"
              + " max-batch-wait-ms from 0 to 1000");
    }
    if (writeTimeoutMs < 100 || connectionTimeoutMs < 250) {
      throw new IllegalArgumentException(
          "userbase.sqlite: write-timeout-ms must be at least 100, connection-timeout-ms at least 250");
    }
    if (walAutocheckpoint < 0) {
      throw new IllegalArgumentException("userbase.sqlite.wal-autocheckpoint must be 0 or more");
    }
    if (busyTimeoutMs < 5000) {
      throw new IllegalArgumentException("userbase.sqlite.busy-timeout-ms must be at least 5000");
    }
  }
}
