package dev.userbase.persistence.jdbc;

import dev.userbase.domain.ChangeType;
import dev.userbase.domain.Group;
import dev.userbase.domain.GroupId;
import dev.userbase.domain.GroupName;
import dev.userbase.domain.GroupNameTakenException;
import dev.userbase.domain.GroupNotFoundException;
import dev.userbase.domain.GroupRepository;
import dev.userbase.domain.SearchCursor;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserNotFoundException;
import io.micronaut.data.model.Pageable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Persistence adapter for groups and their memberships, on any store, beside {@link
 * JdbcUserRepository} and through the same way of running a write. The store's foreign keys keep
 * every membership whole; this class only says which of the two was missing.
 */
public final class JdbcGroupRepository implements GroupRepository {

  /** What a membership's write found, inside its transaction. */
  private enum Outcome {
    ADDED,
    ALREADY,
    NO_GROUP,
    NO_USER
  }

  private final GroupRowReads reads;
  private final GroupRowWrites writes;
  private final UserRowReads users;
  private final JdbcUserRepository.Writes runner;
  private final StoreFaults faults;
  private final Outbox outbox;

  /** @param outbox where each change's events go, in its transaction; null when the feed is off */
  public JdbcGroupRepository(
      GroupRowReads reads,
      GroupRowWrites writes,
      UserRowReads users,
      JdbcUserRepository.Writes runner,
      StoreFaults faults,
      Outbox outbox) {
    this.reads = reads;
    this.writes = writes;
    this.users = users;
    this.runner = runner;
    this.faults = faults;
    this.outbox = outbox;
  }

  @Override
  public Group insert(Group newGroup) {
    String payload = outbox == null ? null : Outbox.payload(newGroup);
    Group stored = write(newGroup.name(), () -> {
      Group saved =
          newGroup.withId(new GroupId(writes.save(GroupRow.of(newGroup)).id()));
      if (outbox != null) {
        outbox.changed(
            ChangeType.GROUP_CREATED,
            saved.id().value(),
            saved.version(),
            saved.updatedAt(),
            payload);
      }
      return saved;
    });
    committed();
    return stored;
  }

  @Override
  public Optional<Group> findById(GroupId id) {
    return read(() -> reads.findById(id.value()).map(GroupRow::toDomain));
  }

  @Override
  public List<Group> list(long afterId, int limit) {
    return read(() -> reads.findByIdGreaterThanOrderById(afterId, Pageable.from(0, limit))).stream()
        .map(GroupRow::toDomain)
        .toList();
  }

  @Override
  public List<Group> search(String nameKeyPrefix, Optional<SearchCursor> after, int limit) {
    KeyPageStart start = KeyPageStart.of(nameKeyPrefix, after);
    return read(() -> reads.findNameKeyPage(
            start.key(), UserName.searchKeyRangeEnd(nameKeyPrefix), start.afterId(), limit))
        .stream()
        .map(GroupRow::toDomain)
        .toList();
  }

  @Override
  public boolean update(Group changed) {
    GroupRow row = GroupRow.of(changed);
    String payload = outbox == null ? null : Outbox.payload(changed);
    boolean updated = write(changed.name(), () -> {
      boolean done = writes.updateFromPreviousVersion(
              row.id(),
              row.name(),
              row.nameKey(),
              row.description(),
              row.updatedAt(),
              row.version())
          == 1;
      if (done && outbox != null) {
        outbox.changed(
            ChangeType.GROUP_UPDATED,
            changed.id().value(),
            changed.version(),
            changed.updatedAt(),
            payload);
      }
      return done;
    });
    if (updated) {
      committed();
    }
    return updated;
  }

  @Override
  public boolean delete(GroupId id, long version) {
    if (outbox == null) {
      // The memberships go with it: ON DELETE CASCADE, in the same statement.
      return write(null, () -> writes.deleteByIdAndVersion(id.value(), version)) == 1;
    }
    return deleteWithEvents(id.value(), OptionalLong.of(version));
  }

  @Override
  public boolean delete(GroupId id) {
    if (outbox == null) {
      return write(null, () -> writes.deleteById(id.value())) == 1;
    }
    return deleteWithEvents(id.value(), OptionalLong.empty());
  }

  /** A delete with its events, the memberships its cascade removes included ({@link Outbox}). */
  private boolean deleteWithEvents(long id, OptionalLong expected) {
    boolean deleted =
        write(null, () -> outbox.delete(Outbox.Owner.GROUP, id, expected, writes::deleteById));
    if (deleted) {
      committed();
    }
    return deleted;
  }

  private void committed() {
    if (outbox != null) {
      outbox.committed();
    }
  }

  @Override
  public Added add(GroupId group, UserId user) {
    AtomicBoolean inserted = new AtomicBoolean();
    Outcome outcome;
    try {
      outcome = runner.run(() -> {
        if (writes.countGroup(group.value()) == 0) {
          return Outcome.NO_GROUP;
        }
        if (writes.countUser(user.value()) == 0) {
          return Outcome.NO_USER;
        }
        if (writes.countMembership(group.value(), user.value()) > 0) {
          return Outcome.ALREADY;
        }
        writes.insertMembership(group.value(), user.value());
        inserted.set(true);
        if (outbox != null) {
          outbox.membershipAdded(group.value(), user.value());
        }
        return Outcome.ADDED;
      });
    } catch (RuntimeException e) {
      if (!faults.isConstraint(e)) {
        throw faults.writeFailed(e, null, inserted.get());
      }
      // A writer on another connection got there between the checks and the insert: the group or
      // the user was deleted (a foreign key refused it), or the same membership was added (the
      // primary key refused it). Which, is read again after the refusal.
      outcome = findById(group).isEmpty()
          ? Outcome.NO_GROUP
          : read(() -> users.findById(user.value())).isEmpty() ? Outcome.NO_USER : Outcome.ALREADY;
    }
    return switch (outcome) {
      case NO_GROUP -> throw new GroupNotFoundException(group);
      case NO_USER -> throw new UserNotFoundException(user);
      case ADDED -> {
        committed();
        yield Added.ADDED;
      }
      case ALREADY -> Added.ALREADY;
    };
  }

  @Override
  public boolean remove(GroupId group, UserId user) {
    boolean removed = write(null, () -> {
      boolean done = writes.deleteMembership(group.value(), user.value()) == 1;
      if (done && outbox != null) {
        outbox.membershipRemoved(group.value(), user.value());
      }
      return done;
    });
    if (removed) {
      committed();
    }
    return removed;
  }

  @Override
  public List<User> members(GroupId group, long afterUserId, int limit) {
    return read(() -> users.findMembers(group.value(), afterUserId, limit)).stream()
        .map(UserMapper::toDomain)
        .toList();
  }

  @Override
  public List<Group> groupsOf(UserId user, long afterGroupId, int limit) {
    return read(() -> reads.findGroupsOf(user.value(), afterGroupId, limit)).stream()
        .map(GroupRow::toDomain)
        .toList();
  }

  /**
   * Runs one write. A group's name taken is the domain's conflict; anything else is sorted by the
   * store's faults.
   */
  private <T> T write(GroupName name, Supplier<T> statement) {
    AtomicBoolean statementDone = new AtomicBoolean();
    try {
      return runner.run(() -> {
        T result = statement.get();
        statementDone.set(true);
        return result;
      });
    } catch (RuntimeException e) {
      StoreFaults.Conflict conflict = faults.conflict(e);
      if (conflict == StoreFaults.Conflict.GROUP_NAME_TAKEN && name != null) {
        throw new GroupNameTakenException(name);
      }
      throw faults.writeFailed(e, null, statementDone.get());
    }
  }

  private <T> T read(Supplier<T> query) {
    try {
      return query.get();
    } catch (RuntimeException e) {
      throw faults.readFailed(e);
    }
  }
}
