package dev.userbase.app;

import dev.userbase.persistence.jdbc.JdbcChangeFeed;
import java.time.Duration;

/** How long the tests let the feed's stamping settle before reading its last position. */
final class JdbcStamping {

  /** Two of the feed's looks: whatever committed before is stamped by then. */
  static final Duration SETTLE = JdbcChangeFeed.POLL.multipliedBy(2);

  private JdbcStamping() {}
}
