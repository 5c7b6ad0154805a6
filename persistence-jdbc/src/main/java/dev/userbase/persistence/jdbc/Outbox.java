package dev.userbase.persistence.jdbc;

import dev.userbase.domain.ChangeEvent;
import dev.userbase.domain.ChangeType;
import dev.userbase.domain.Group;
import dev.userbase.domain.User;
import dev.userbase.domain.UserTransfer;
import io.micronaut.data.exceptions.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The feed's writing side: each change's events go into {@code events} in the change's own
 * transaction, on its connection, so an event exists if and only if its change committed. The
 * events have no position yet where the store has concurrent writers ({@link JdbcChangeFeed}
 * stamps them in commit order); on SQLite the single writer makes the row's id its position.
 *
 * <p>A delete reads, under a lock, what its cascade will remove: the row it deletes is locked
 * first, so a membership added meanwhile either committed before (and is seen) or waits and then
 * finds its user or group gone.
 */
public final class Outbox {

  private static final String INSERT = "INSERT INTO events"
      + " (kind, changed_at, resource_id, version, payload) VALUES (?, ?, ?, ?, ?)";

  private final Supplier<Connection> connection;
  private final String lockClause;
  private final Clock clock;
  private final JdbcChangeFeed feed;
  private final KeptStatement kept;

  /**
   * @param connection the connection of the transaction at hand
   * @param lockClause what makes a SELECT lock the rows it reads ({@code " FOR UPDATE"}), or
   *     nothing where writes are serialised already (SQLite)
   * @param feed woken after each commit; null where another process reads the feed
   * @param reuse whether the INSERT is prepared once and kept: where every write runs on one
   *     thread and one connection for the process's life (SQLite's writer), and preparing costs
   *     as much as running it
   */
  public Outbox(
      Supplier<Connection> connection,
      String lockClause,
      Clock clock,
      JdbcChangeFeed feed,
      boolean reuse) {
    this.connection = connection;
    this.lockClause = lockClause;
    this.clock = clock;
    this.feed = feed;
    this.kept = reuse ? new KeptStatement(INSERT) : null;
  }

  /** Tells the feed that a change committed: its events may be readable. */
  public void committed() {
    if (feed != null) {
      feed.wake();
    }
  }

  /**
   * A user's resource as the feed keeps it, made before the write: encoding it on the caller's
   * thread keeps it off SQLite's one writer.
   */
  static String payload(User user) {
    return EventCodec.user(user);
  }

  /** A group's resource as the feed keeps it, made before the write. */
  static String payload(Group group) {
    return EventCodec.group(group);
  }

  /**
   * A user or group created or updated ({@code type}), as stored after the change, its resource
   * encoded before the write ({@link #payload}).
   */
  void changed(ChangeType type, long id, long version, Instant updatedAt, String payload) {
    append(type, updatedAt.toEpochMilli(), Long.toString(id), version, payload);
  }

  void membershipAdded(long group, long user) {
    append(
        ChangeType.MEMBERSHIP_ADDED,
        clock.millis(),
        ChangeEvent.membershipId(group, user),
        null,
        null);
  }

  void membershipRemoved(long group, long user) {
    append(
        ChangeType.MEMBERSHIP_REMOVED,
        clock.millis(),
        ChangeEvent.membershipId(group, user),
        null,
        null);
  }

  /** An import's one event, with its counts: its rows have no events of their own. */
  void imported(UserTransfer.Counts counts) {
    append(ChangeType.IMPORT_COMPLETED, clock.millis(), null, null, EventCodec.counts(counts));
  }

  /** What a delete with its memberships deletes: a user, or a group. */
  enum Owner {
    USER("users", "user_id", "group_id", ChangeType.USER_DELETED),
    GROUP("user_groups", "group_id", "user_id", ChangeType.GROUP_DELETED);

    private final String table;
    private final String column;
    private final String other;
    private final ChangeType deleted;

    Owner(String table, String column, String other, ChangeType deleted) {
      this.table = table;
      this.column = column;
      this.other = other;
      this.deleted = deleted;
    }

    String membershipId(long owner, long other) {
      return this == USER
          ? ChangeEvent.membershipId(other, owner)
          : ChangeEvent.membershipId(owner, other);
    }
  }

  /**
   * Deletes a user or a group with its events, in the transaction at hand. The row is locked
   * first, then its memberships are read (the cascade removes them), so none added meanwhile goes
   * without its event; their {@code membership.removed} events come before the delete's.
   *
   * @param expected the version it must be at, or empty for any
   * @param delete deletes the row by id (the store's foreign keys cascade)
   * @return false, having changed nothing, when there is no such row at that version
   */
  boolean delete(Owner owner, long id, OptionalLong expected, LongConsumer delete) {
    OptionalLong current = lockedVersion(owner.table, id);
    if (current.isEmpty()
        || (expected.isPresent() && current.getAsLong() != expected.getAsLong())) {
      return false;
    }
    List<Long> others = locked(
        "SELECT " + owner.other + " FROM memberships WHERE " + owner.column + " = ? ORDER BY "
            + owner.other,
        id);
    delete.accept(id);
    long now = clock.millis();
    for (long other : others) {
      append(ChangeType.MEMBERSHIP_REMOVED, now, owner.membershipId(id, other), null, null);
    }
    append(owner.deleted, now, Long.toString(id), current.getAsLong(), null);
    return true;
  }

  /** The version of a user or group ({@code table}), locked until the transaction ends. */
  private OptionalLong lockedVersion(String table, long id) {
    try (PreparedStatement sql = connection
        .get()
        .prepareStatement("SELECT version FROM " + table + " WHERE id = ?" + lockClause)) {
      sql.setLong(1, id);
      try (ResultSet row = sql.executeQuery()) {
        return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new DataAccessException("the feed's outbox failed: " + e.getMessage(), e);
    }
  }

  private List<Long> locked(String query, long id) {
    try (PreparedStatement sql = connection.get().prepareStatement(query + lockClause)) {
      sql.setLong(1, id);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rows = sql.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new DataAccessException("the feed's outbox failed: " + e.getMessage(), e);
    }
  }

  private void append(ChangeType type, long time, String resourceId, Long version, String payload) {
    try {
      if (kept == null) {
        try (PreparedStatement sql = connection.get().prepareStatement(INSERT)) {
          bind(sql, type, time, resourceId, version, payload).executeUpdate();
        }
        return;
      }
      kept.run(
          connection.get(),
          sql -> bind(sql, type, time, resourceId, version, payload).executeUpdate());
    } catch (SQLException e) {
      throw new DataAccessException("the feed's outbox failed: " + e.getMessage(), e);
    }
  }

  private static PreparedStatement bind(
      PreparedStatement sql,
      ChangeType type,
      long time,
      String resourceId,
      Long version,
      String payload)
      throws SQLException {
    sql.setString(1, type.wireName());
    sql.setLong(2, time);
    sql.setString(3, resourceId);
    if (version == null) {
      sql.setNull(4, Types.BIGINT);
    } else {
      sql.setLong(4, version);
    }
    sql.setString(5, payload);
    return sql;
  }
}
