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
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
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

  /**
   * @param connection the connection of the transaction at hand
   * @param lockClause what makes a SELECT lock the rows it reads ({@code " FOR UPDATE"}), or
   *     nothing where writes are serialised already (SQLite)
   * @param feed woken after each commit; null where another process reads the feed
   */
  public Outbox(
      Supplier<Connection> connection, String lockClause, Clock clock, JdbcChangeFeed feed) {
    this.connection = connection;
    this.lockClause = lockClause;
    this.clock = clock;
    this.feed = feed;
  }

  /** Tells the feed that a change committed: its events may be readable. */
  public void committed() {
    if (feed != null) {
      feed.wake();
    }
  }

  void userCreated(User user) {
    append(
        ChangeType.USER_CREATED,
        user.updatedAt().toEpochMilli(),
        id(user),
        user.version(),
        EventCodec.user(user));
  }

  void userUpdated(User user) {
    append(
        ChangeType.USER_UPDATED,
        user.updatedAt().toEpochMilli(),
        id(user),
        user.version(),
        EventCodec.user(user));
  }

  void groupCreated(Group group) {
    append(
        ChangeType.GROUP_CREATED,
        group.updatedAt().toEpochMilli(),
        Long.toString(group.id().value()),
        group.version(),
        EventCodec.group(group));
  }

  void groupUpdated(Group group) {
    append(
        ChangeType.GROUP_UPDATED,
        group.updatedAt().toEpochMilli(),
        Long.toString(group.id().value()),
        group.version(),
        EventCodec.group(group));
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

  /** A user's delete: first the memberships its cascade removed, then the user. */
  void userDeleted(long user, long version, List<Long> groups) {
    long now = clock.millis();
    for (long group : groups) {
      append(ChangeType.MEMBERSHIP_REMOVED, now, ChangeEvent.membershipId(group, user), null, null);
    }
    append(ChangeType.USER_DELETED, now, Long.toString(user), version, null);
  }

  /** A group's delete: first the memberships its cascade removed, then the group. */
  void groupDeleted(long group, long version, List<Long> users) {
    long now = clock.millis();
    for (long user : users) {
      append(ChangeType.MEMBERSHIP_REMOVED, now, ChangeEvent.membershipId(group, user), null, null);
    }
    append(ChangeType.GROUP_DELETED, now, Long.toString(group), version, null);
  }

  /** An import's one event, with its counts: its rows have no events of their own. */
  void imported(UserTransfer.Counts counts) {
    append(ChangeType.IMPORT_COMPLETED, clock.millis(), null, null, EventCodec.counts(counts));
  }

  /** The version of a user or group ({@code table}), locked until the transaction ends. */
  OptionalLong lockedVersion(String table, long id) {
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

  /** The groups of a user, locked until the transaction ends. */
  List<Long> lockedGroupsOf(long user) {
    return locked("SELECT group_id FROM memberships WHERE user_id = ? ORDER BY group_id", user);
  }

  /** The members of a group, locked until the transaction ends. */
  List<Long> lockedMembersOf(long group) {
    return locked("SELECT user_id FROM memberships WHERE group_id = ? ORDER BY user_id", group);
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

  private static String id(User user) {
    return Long.toString(user.id().value());
  }

  private void append(ChangeType type, long time, String resourceId, Long version, String payload) {
    try (PreparedStatement sql = connection.get().prepareStatement(INSERT)) {
      sql.setString(1, type.wireName());
      sql.setLong(2, time);
      sql.setString(3, resourceId);
      if (version == null) {
        sql.setNull(4, Types.BIGINT);
      } else {
        sql.setLong(4, version);
      }
      sql.setString(5, payload);
      sql.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessException("the feed's outbox failed: " + e.getMessage(), e);
    }
  }
}
