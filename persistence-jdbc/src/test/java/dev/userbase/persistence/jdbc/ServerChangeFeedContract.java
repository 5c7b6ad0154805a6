package dev.userbase.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.domain.ChangeEvent;
import dev.userbase.domain.ChangeFeedContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The feed's contract on a store with concurrent writers (PostgreSQL, MariaDB), and the case
 * that breaks an outbox read by id: a transaction that took the lower id commits after one that
 * took the higher. Forced here with two transactions held open, committed in the chosen order.
 */
public abstract class ServerChangeFeedContract extends ChangeFeedContract {

  /** The pool of the store {@link #newStore()} made. */
  protected abstract DataSource dataSource();

  private static long insertEvent(Connection connection, String resourceId) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO events (kind, changed_at, resource_id, version) VALUES (?, ?, ?, ?)",
        new String[] {"id"})) {
      insert.setString(1, "user.deleted");
      insert.setLong(2, System.currentTimeMillis());
      insert.setString(3, resourceId);
      insert.setLong(4, 1);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  @Test
  void aTransactionThatCommitsAfterALaterOneIsNotSkipped() throws Exception {
    JdbcChangeFeed stamping = (JdbcChangeFeed) feed;
    try (Connection early = dataSource().getConnection();
        Connection late = dataSource().getConnection()) {
      early.setAutoCommit(false);
      late.setAutoCommit(false);
      long earlyId = insertEvent(early, "101");
      long lateId = insertEvent(late, "102");
      assertThat(earlyId).as("the transaction held open took the lower id").isLessThan(lateId);

      late.commit();
      stamping.stamp();
      List<ChangeEvent> first = feed.after(0, 10);
      assertThat(first).extracting(ChangeEvent::resourceId).containsExactly("102");
      long cursor = first.get(0).position();

      // The held transaction is still open: stamping passes it by, and gives it no position yet.
      assertThat(stamping.stamp()).isZero();
      assertThat(feed.after(cursor, 10)).isEmpty();

      early.commit();
      stamping.stamp();
      List<ChangeEvent> next = feed.after(cursor, 10);
      assertThat(next).extracting(ChangeEvent::resourceId).containsExactly("101");
      assertThat(next.get(0).position()).isEqualTo(cursor + 1);
      // A reader that went by id, having seen 102's id, would have skipped 101 for ever.
      assertThat(earlyId).isLessThan(lateId);
    }
  }

  @Test
  void aRolledBackTransactionLeavesNoPositionAndNoGap() throws Exception {
    JdbcChangeFeed stamping = (JdbcChangeFeed) feed;
    try (Connection rolledBack = dataSource().getConnection();
        Connection kept = dataSource().getConnection()) {
      rolledBack.setAutoCommit(false);
      kept.setAutoCommit(false);
      insertEvent(rolledBack, "201");
      insertEvent(kept, "202");
      rolledBack.rollback();
      kept.commit();
    }
    stamping.stamp();
    assertThat(feed.after(0, 10))
        .extracting(ChangeEvent::position, ChangeEvent::resourceId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "202"));
  }
}
