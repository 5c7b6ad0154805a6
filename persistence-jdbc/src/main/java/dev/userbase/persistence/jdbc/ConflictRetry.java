package dev.userbase.persistence.jdbc;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a transaction again when the server rolled all of it back to break a deadlock or a
 * serialization conflict (SQLState {@code 40001}, or PostgreSQL's {@code 40P01}). Nothing of it
 * was kept, so running it again is safe, and a client should not get a 503 for what the server
 * resolves by itself: MariaDB picks a victim whenever two writers lock rows in turn (a delete's
 * locked reads against a membership's insert), PostgreSQL does too. A few times only, each after
 * a short random pause, so that the two that collided do not meet again in step; the last
 * failure is thrown as it came.
 */
final class ConflictRetry {

  private static final Logger LOG = LoggerFactory.getLogger(ConflictRetry.class);

  /** How many times a transaction is run at most. */
  static final int ATTEMPTS = 4;

  private static final long MAX_PAUSE_NANOS = 5_000_000;

  private ConflictRetry() {}

  static <T> T run(Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS || !isRolledBack(e)) {
          throw e;
        }
        LOG.debug(
            "The server rolled a transaction back ({}); running it again, attempt {} of {}",
            StoreFaults.firstLine(e),
            attempt + 1,
            ATTEMPTS);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(MAX_PAUSE_NANOS) * attempt);
      }
    }
  }

  /** Whether the server rolled the whole transaction back for a conflict with another. */
  static boolean isRolledBack(Throwable e) {
    for (Throwable t : StoreFaults.chain(e)) {
      if (t instanceof SQLException sql
          && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }
}
