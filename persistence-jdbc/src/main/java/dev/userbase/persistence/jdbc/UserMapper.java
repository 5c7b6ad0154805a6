package dev.userbase.persistence.jdbc;

import dev.userbase.domain.Email;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import java.time.Instant;

/** Converts between the domain's users and the table's rows. */
public final class UserMapper {

  /** The columns of a user, in the order {@link #restore} takes them. */
  public static final String COLUMNS = "id, name, email, created_at, updated_at, version";

  private UserMapper() {}

  public static UserRow toRow(User user) {
    return new UserRow(
        user.id() == null ? null : user.id().value(),
        user.name().value(),
        user.name().searchKey(),
        user.email().map(Email::value).orElse(null),
        user.createdAt(),
        user.updatedAt(),
        user.version());
  }

  public static User toDomain(UserRow row) {
    return restore(
        row.id(), row.name(), row.email(), row.createdAt(), row.updatedAt(), row.version());
  }

  /** A stored user from its columns, as stored: no rule of today is applied to old rows. */
  public static User restore(
      long id, String name, String email, Instant createdAt, Instant updatedAt, long version) {
    return User.restore(
        new UserId(id),
        UserName.restore(name),
        email == null ? null : Email.restore(email),
        createdAt,
        updatedAt,
        version);
  }
}
