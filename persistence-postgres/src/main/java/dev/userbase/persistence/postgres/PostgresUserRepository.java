package dev.userbase.persistence.postgres;

import dev.userbase.domain.Email;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** Persistence adapter: stores users in PostgreSQL through Micronaut Data JDBC. */
@Singleton
@Requires(property = "userbase.store", value = "postgres")
public final class PostgresUserRepository implements UserRepository {

  // The name PostgreSQL gives the UNIQUE constraint on users.email (V1 migration).
  private static final String EMAIL_CONSTRAINT = "users_email_key";

  private final UserRows rows;
  private final TransactionOperations<Connection> transactions;

  PostgresUserRepository(UserRows rows, TransactionOperations<Connection> transactions) {
    this.rows = rows;
    this.transactions = transactions;
  }

  @Override
  public User insert(User newUser) {
    UserRow saved = write(newUser, () -> rows.save(UserMapper.toRow(newUser)));
    return newUser.withId(new UserId(saved.id()));
  }

  @Override
  public Optional<User> findById(UserId id) {
    return read(() -> rows.findById(id.value()).map(UserMapper::toDomain));
  }

  @Override
  public List<User> list(
      long afterId, Optional<Email> email, Optional<String> nameKeyPrefix, int limit) {
    Pageable page = Pageable.from(0, limit);
    List<UserRow> found = read(() -> {
      if (nameKeyPrefix.isPresent()) {
        String from = nameKeyPrefix.get();
        String to = UserName.searchKeyRangeEnd(from);
        return email.isPresent()
            ? rows.findByEmailAndNameKeyRange(email.get().value(), from, to, afterId, limit)
            : rows.findByNameKeyRange(from, to, afterId, limit);
      }
      return email.isPresent()
          ? rows.findByEmailAndIdGreaterThanOrderById(email.get().value(), afterId, page)
          : rows.findByIdGreaterThanOrderById(afterId, page);
    });
    return found.stream().map(UserMapper::toDomain).toList();
  }

  @Override
  public boolean update(User changed) {
    UserRow row = UserMapper.toRow(changed);
    return write(
            changed,
            () -> rows.updateFromPreviousVersion(
                row.id(), row.name(), row.nameKey(), row.email(), row.updatedAt(), row.version()))
        == 1;
  }

  @Override
  public boolean delete(UserId id, long version) {
    return write(null, () -> rows.deleteByIdAndVersion(id.value(), version)) == 1;
  }

  @Override
  public boolean delete(UserId id) {
    return write(null, () -> rows.deleteById(id.value())) == 1;
  }

  /**
   * Runs one write in its own transaction. A clash on the email's unique constraint is the
   * domain's "email taken"; a clash on any other constraint is a bug, and says which; any other
   * database failure is a 503 that says whether the write may have been stored (only when the
   * connection failed after the statement, at COMMIT, can it have been).
   */
  private <T> T write(User user, Supplier<T> statement) {
    AtomicBoolean statementDone = new AtomicBoolean();
    try {
      return transactions.executeWrite(status -> {
        T result = statement.get();
        statementDone.set(true);
        return result;
      });
    } catch (RuntimeException e) {
      if (EMAIL_CONSTRAINT.equals(PostgresFaults.uniqueConstraint(e))
          && user != null
          && user.email().isPresent()) {
        throw new EmailAlreadyTakenException(user.email().get());
      }
      if (PostgresFaults.isIntegrityViolation(e)) {
        throw new IllegalStateException(
            "PostgreSQL refused a write: " + PostgresFaults.describe(e), e);
      }
      if (PostgresFaults.isDatabaseFailure(e)) {
        throw PostgresFaults.unavailable(
            "write", e, statementDone.get() && !PostgresFaults.isNoConnection(e));
      }
      throw e;
    }
  }

  /** Runs one read; a database failure means the store cannot serve. */
  private static <T> T read(Supplier<T> query) {
    try {
      return query.get();
    } catch (RuntimeException e) {
      if (PostgresFaults.isDatabaseFailure(e)) {
        throw PostgresFaults.unavailable("read", e, false);
      }
      throw e;
    }
  }
}
