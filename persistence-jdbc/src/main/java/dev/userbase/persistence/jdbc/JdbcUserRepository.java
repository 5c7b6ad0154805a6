package dev.userbase.persistence.jdbc;

import dev.userbase.domain.ChangeType;
import dev.userbase.domain.Email;
import dev.userbase.domain.SearchCursor;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Persistence adapter: stores users through Micronaut Data JDBC on any store. What differs
 * between stores comes in: the dialect's repositories, how a write runs, and the store's faults.
 */
public final class JdbcUserRepository implements UserRepository {

  /**
   * How a store runs one write: in a transaction of its own on a pool ({@link #inTransactions}),
   * or in SQLite's writer's next group commit. It returns once the write is committed.
   */
  public interface Writes {
    <T> T run(Supplier<T> statement);
  }

  /** A faster way of a store's own to find one user by id. */
  @FunctionalInterface
  public interface Lookup {
    Optional<User> find(long id) throws SQLException;
  }

  /**
   * A store's own way to insert a user, on the connection of the write at hand: a statement of its
   * own rather than {@code writes.save}, which costs about four times as much. Where the store can,
   * the user's {@code user.created} event goes in the same statement when the feed is on: one
   * statement where otherwise there are two (the user's and the outbox's), and the event a few
   * microseconds rather than a round trip.
   */
  public interface Insert {
    /**
     * @param event the event's resource ({@link Outbox#payload}) to write with the user, or null
     *     to write none; always null where {@link #writesEvent()} is false
     * @return the id the store gave the user
     */
    long insert(UserRow row, String event) throws SQLException;

    /** Whether it writes the event itself; if not, the outbox writes it after the user. */
    default boolean writesEvent() {
      return true;
    }
  }

  private final UserRowReads reads;
  private final UserRowWrites writes;
  private final Writes runner;
  private final StoreFaults faults;
  private final Lookup byId;
  private final Insert insert;
  private final Outbox outbox;

  /**
   * @param byId finds users by id instead of {@code reads}, or null
   * @param insert inserts users instead of {@code writes}, or null
   * @param outbox where each change's events go, in its transaction; null when the feed is off
   */
  public JdbcUserRepository(
      UserRowReads reads,
      UserRowWrites writes,
      Writes runner,
      StoreFaults faults,
      Lookup byId,
      Insert insert,
      Outbox outbox) {
    this.reads = reads;
    this.writes = writes;
    this.runner = runner;
    this.faults = faults;
    this.byId = byId;
    this.insert = insert;
    this.outbox = outbox;
  }

  /**
   * Each write in a transaction of its own, run again if the server rolls it back to break a
   * deadlock ({@link ConflictRetry}); a write that joins a caller's transaction is left to it.
   */
  public static Writes inTransactions(TransactionOperations<Connection> transactions) {
    return new Writes() {
      @Override
      public <T> T run(Supplier<T> statement) {
        if (transactions.findTransactionStatus().isPresent()) {
          return transactions.executeWrite(status -> statement.get());
        }
        return ConflictRetry.run(() -> transactions.executeWrite(status -> statement.get()));
      }
    };
  }

  /** Each write in a transaction of its own, at READ COMMITTED: it sees what committed before. */
  public static Writes readCommitted(TransactionOperations<Connection> transactions) {
    DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
    definition.setIsolationLevel(TransactionDefinition.Isolation.READ_COMMITTED);
    return new Writes() {
      @Override
      public <T> T run(Supplier<T> statement) {
        return transactions.execute(definition, status -> statement.get());
      }
    };
  }

  @Override
  public User insert(User newUser) {
    String payload = outbox == null ? null : Outbox.payload(newUser);
    User stored = write(newUser, () -> {
      UserRow row = UserMapper.toRow(newUser);
      boolean eventWithIt = insert != null && insert.writesEvent();
      User saved;
      try {
        saved = newUser.withId(new UserId(
            insert == null
                ? writes.save(row).id()
                : insert.insert(row, eventWithIt ? payload : null)));
      } catch (SQLException e) {
        throw new DataAccessException("insert failed: " + e.getMessage(), e);
      }
      if (outbox != null && !eventWithIt) {
        outbox.changed(
            ChangeType.USER_CREATED,
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
  public Optional<User> findById(UserId id) {
    if (byId == null) {
      return read(() -> reads.findById(id.value()).map(UserMapper::toDomain));
    }
    try {
      return byId.find(id.value());
    } catch (SQLException e) {
      throw faults.unavailable("read", e, false);
    }
  }

  @Override
  public List<User> list(long afterId, Optional<Email> email, int limit) {
    Pageable page = Pageable.from(0, limit);
    List<UserRow> found = read(() -> email.isPresent()
        ? reads.findByEmailAndIdGreaterThanOrderById(email.get().value(), afterId, page)
        : reads.findByIdGreaterThanOrderById(afterId, page));
    return found.stream().map(UserMapper::toDomain).toList();
  }

  @Override
  public List<User> search(
      String nameKeyPrefix, Optional<Email> email, Optional<SearchCursor> after, int limit) {
    String to = UserName.searchKeyRangeEnd(nameKeyPrefix);
    KeyPageStart start = KeyPageStart.of(nameKeyPrefix, after);
    List<UserRow> found = read(() -> email.isPresent()
        ? reads.findEmailNameKeyPage(email.get().value(), start.key(), to, start.afterId(), limit)
        : reads.findNameKeyPage(start.key(), to, start.afterId(), limit));
    return found.stream().map(UserMapper::toDomain).toList();
  }

  @Override
  public boolean update(User changed) {
    UserRow row = UserMapper.toRow(changed);
    String payload = outbox == null ? null : Outbox.payload(changed);
    boolean updated = write(changed, () -> {
      boolean done = writes.updateFromPreviousVersion(
              row.id(), row.name(), row.nameKey(), row.email(), row.updatedAt(), row.version())
          == 1;
      if (done && outbox != null) {
        outbox.changed(
            ChangeType.USER_UPDATED,
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
  public boolean delete(UserId id, long version) {
    if (outbox == null) {
      return write(null, () -> writes.deleteByIdAndVersion(id.value(), version)) == 1;
    }
    return deleteWithEvents(id.value(), OptionalLong.of(version));
  }

  @Override
  public boolean delete(UserId id) {
    if (outbox == null) {
      return write(null, () -> writes.deleteById(id.value())) == 1;
    }
    return deleteWithEvents(id.value(), OptionalLong.empty());
  }

  /** A delete with its events, the memberships its cascade removes included ({@link Outbox}). */
  private boolean deleteWithEvents(long id, OptionalLong expected) {
    boolean deleted =
        write(null, () -> outbox.delete(Outbox.Owner.USER, id, expected, writes::deleteById));
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

  /** Runs one write; its failure is sorted by the store's faults (see {@link StoreFaults}). */
  private <T> T write(User user, Supplier<T> statement) {
    AtomicBoolean statementDone = new AtomicBoolean();
    try {
      return runner.run(() -> {
        T result = statement.get();
        statementDone.set(true);
        return result;
      });
    } catch (RuntimeException e) {
      throw faults.writeFailed(e, user, statementDone.get());
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
