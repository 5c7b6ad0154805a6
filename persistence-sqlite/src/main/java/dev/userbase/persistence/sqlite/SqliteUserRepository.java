package dev.userbase.persistence.sqlite;

import dev.userbase.domain.Email;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Persistence adapter: stores users in SQLite through Micronaut Data JDBC. */
@Singleton
@Requires(property = "userbase.store", value = "sqlite", defaultValue = "sqlite")
public final class SqliteUserRepository implements UserRepository {

  private final UserRowWrites writes;
  private final UserRowReads reads;
  private final GroupCommitWriter writer;

  SqliteUserRepository(UserRowWrites writes, UserRowReads reads, GroupCommitWriter writer) {
    this.writes = writes;
    this.reads = reads;
    this.writer = writer;
  }

  @Override
  public User insert(User newUser) {
    UserRow saved = write(newUser, () -> writes.save(UserMapper.toRow(newUser)));
    return newUser.withId(new UserId(saved.id()));
  }

  @Override
  public Optional<User> findById(UserId id) {
    return reads.findById(id.value()).map(UserMapper::toDomain);
  }

  @Override
  public List<User> list(long afterId, Optional<Email> email, int limit) {
    Pageable page = Pageable.from(0, limit);
    List<UserRow> rows = email.isPresent()
        ? reads.findByEmailAndIdGreaterThanOrderById(email.get().value(), afterId, page)
        : reads.findByIdGreaterThanOrderById(afterId, page);
    return rows.stream().map(UserMapper::toDomain).toList();
  }

  @Override
  public boolean update(User changed) {
    UserRow row = UserMapper.toRow(changed);
    long updated = write(
        changed,
        () -> writes.updateFromPreviousVersion(
            row.id(), row.name(), row.email(), row.updatedAt(), row.version()));
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

  /** Runs one write in the writer's next group commit, mapping a unique-email clash. */
  private <T> T write(User user, Supplier<T> statement) {
    try {
      return writer.submit(statement);
    } catch (DataAccessException e) {
      if (user != null && user.email().isPresent() && isUniqueViolation(e)) {
        throw new EmailAlreadyTakenException(user.email().get());
      }
      throw e;
    }
  }

  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException sqlite
          && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
        return true;
      }
    }
    return false;
  }
}
