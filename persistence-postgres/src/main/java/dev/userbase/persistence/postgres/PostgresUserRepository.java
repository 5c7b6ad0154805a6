package dev.userbase.persistence.postgres;

import dev.userbase.domain.Email;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Persistence adapter: stores users in PostgreSQL through Micronaut Data JDBC. */
@Singleton
@Requires(property = "userbase.store", value = "postgres")
public final class PostgresUserRepository implements UserRepository {

  private static final String UNIQUE_VIOLATION = "23505";

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
    return rows.findById(id.value()).map(UserMapper::toDomain);
  }

  @Override
  public List<User> list(long afterId, Optional<Email> email, int limit) {
    Pageable page = Pageable.from(0, limit);
    List<UserRow> found = email.isPresent()
        ? rows.findByEmailAndIdGreaterThanOrderById(email.get().value(), afterId, page)
        : rows.findByIdGreaterThanOrderById(afterId, page);
    return found.stream().map(UserMapper::toDomain).toList();
  }

  @Override
  public boolean update(User changed) {
    UserRow row = UserMapper.toRow(changed);
    return write(
            changed,
            () -> rows.updateFromPreviousVersion(
                row.id(), row.name(), row.email(), row.updatedAt(), row.version()))
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

  /** Runs one write in its own transaction, mapping a unique-email clash. */
  private <T> T write(User user, Supplier<T> statement) {
    try {
      return transactions.executeWrite(status -> statement.get());
    } catch (DataAccessException e) {
      if (user != null && user.email().isPresent() && isUniqueViolation(e)) {
        throw new EmailAlreadyTakenException(user.email().get());
      }
      throw e;
    }
  }

  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
