package dev.userbase.persistence.sqlite;

import dev.userbase.domain.Email;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Persistence adapter: stores users in SQLite through Micronaut Data JDBC. */
@Singleton
@Requires(property = "userbase.store", value = "sqlite", defaultValue = "sqlite")
public final class SqliteUserRepository implements UserRepository {

  // SQLite names a unique constraint by its table and column(s).
  private static final String EMAIL_CONSTRAINT = "users.email";

  private final UserRowWrites writes;
  private final UserRowReads reads;
  private final GroupCommitWriter writer;
  private final UserById byId;

  SqliteUserRepository(
      UserRowWrites writes, UserRowReads reads, GroupCommitWriter writer, SqliteDatabase database) {
    this.writes = writes;
    this.reads = reads;
    this.writer = writer;
    this.byId = new UserById(database.reader());
  }

  @Override
  public User insert(User newUser) {
    UserRow saved = write(newUser, () -> writes.save(UserMapper.toRow(newUser)));
    return newUser.withId(new UserId(saved.id()));
  }

  @Override
  public Optional<User> findById(UserId id) {
    try {
      return byId.find(id.value());
    } catch (java.sql.SQLException e) {
      throw SqliteFaults.unavailable("read", e);
    }
  }

  @Override
  public List<User> list(
      long afterId, Optional<Email> email, Optional<String> nameKeyPrefix, int limit) {
    Pageable page = Pageable.from(0, limit);
    List<UserRow> rows = read(() -> {
      if (nameKeyPrefix.isPresent()) {
        String from = nameKeyPrefix.get();
        String to = UserName.searchKeyRangeEnd(from);
        return email.isPresent()
            ? reads.findByEmailAndNameKeyRange(email.get().value(), from, to, afterId, limit)
            : reads.findByNameKeyRange(from, to, afterId, limit);
      }
      return email.isPresent()
          ? reads.findByEmailAndIdGreaterThanOrderById(email.get().value(), afterId, page)
          : reads.findByIdGreaterThanOrderById(afterId, page);
    });
    return rows.stream().map(UserMapper::toDomain).toList();
  }

  @Override
  public boolean update(User changed) {
    UserRow row = UserMapper.toRow(changed);
    long updated = write(
        changed,
        () -> writes.updateFromPreviousVersion(
            row.id(), row.name(), row.nameKey(), row.email(), row.updatedAt(), row.version()));
    return updated == 1;
  }

  @Override
  public boolean delete(UserId id, long version) {
    return write(null, () -> writes.deleteByIdAndVersion(id.value(), version)) == 1;
  }

  @Override
  public boolean delete(UserId id) {
    return write(null, () -> writes.deleteById(id.value())) == 1;
  }

  /**
   * Runs one write in the writer's next group commit. A clash on the email's unique constraint is
   * the domain's "email taken"; a clash on any other constraint is a bug, and says which.
   */
  private <T> T write(User user, Supplier<T> statement) {
    try {
      return writer.submit(statement);
    } catch (DataAccessException e) {
      String constraint = SqliteFaults.uniqueConstraint(e);
      if (EMAIL_CONSTRAINT.equals(constraint) && user != null && user.email().isPresent()) {
        throw new EmailAlreadyTakenException(user.email().get());
      }
      if (SqliteFaults.isConstraint(e)) {
        throw new IllegalStateException("SQLite refused a write: " + SqliteFaults.describe(e), e);
      }
      if (SqliteFaults.isDatabaseFailure(e)) {
        throw SqliteFaults.unavailable("write", e);
      }
      throw e;
    }
  }

  /** Runs one read on the reader pool; a database failure means the store cannot serve. */
  private static <T> T read(Supplier<T> query) {
    try {
      return query.get();
    } catch (RuntimeException e) {
      if (SqliteFaults.isDatabaseFailure(e)) {
        throw SqliteFaults.unavailable("read", e);
      }
      throw e;
    }
  }
}
