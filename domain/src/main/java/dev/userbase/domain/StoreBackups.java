package dev.userbase.domain;

import java.time.Duration;

/** Outgoing port: consistent copies of the store, made while it serves. */
public interface StoreBackups {

  /**
   * Makes a consistent, checked copy of the store now, in the configured backup folder, and keeps
   * only the newest backups the configuration allows.
   *
   * @throws UnsupportedOperationException when the store has backup tools of its own, saying which
   * @throws StoreUnavailableException when the copy cannot be made or does not check out
   */
  Backup backup();

  /**
   * A backup made.
   *
   * @param file where it is, as an absolute path
   * @param bytes its size
   * @param users how many users it holds
   * @param took how long it took, checks included
   */
  record Backup(String file, long bytes, long users, Duration took) {}
}
