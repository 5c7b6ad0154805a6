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
 */
@ConfigurationProperties("userbase.sqlite")
public record SqliteSettings(
    @Bindable(defaultValue = "./data/userbase.db") String path,
    @Bindable(defaultValue = "FULL") Synchronous synchronous,
    @Bindable(defaultValue = "8") int readerPoolSize,
    @Bindable(defaultValue = "5000") int busyTimeoutMs) {

  /** The durability levels offered; OFF and EXTRA are deliberately not among them. */
  public enum Synchronous {
    FULL,
    NORMAL
  }

  public SqliteSettings {
    if (readerPoolSize < 1) {
      throw new IllegalArgumentException("userbase.sqlite.reader-pool-size must be at least 1");
    }
    if (busyTimeoutMs < 5000) {
      throw new IllegalArgumentException("userbase.sqlite.busy-timeout-ms must be at least 5000");
    }
  }
}
