package dev.userbase.persistence.sqlite;

import dev.userbase.domain.Email;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Converts between the domain's users and the table's rows. */
final class UserMapper {

  /** The columns {@link #read} takes, in its order. */
  static final String COLUMNS = "id, name, email, created_at, updated_at, version";

  private UserMapper() {}

  /** The user in the result's current row, selected as {@link #COLUMNS}. */
  static User read(ResultSet row) throws SQLException {
    String email = row.getString(3);
    return User.restore(
        new UserId(row.getLong(1)),
        UserName.restore(row.getString(2)),
        email == null ? null : Email.restore(email),
        Instant.ofEpochMilli(row.getLong(4)),
        Instant.ofEpochMilli(row.getLong(5)),
        row.getLong(6));
  }

  static UserRow toRow(User user) {
    return new UserRow(
        user.id() == null ? null : user.id().value(),
        user.name().value(),
        user.name().searchKey(),
        user.email().map(Email::value).orElse(null),
        user.createdAt(),
        user.updatedAt(),
        user.version());
  }

  static User toDomain(UserRow row) {
    return User.restore(
        new UserId(row.id()),
        UserName.restore(row.name()),
        row.email() == null ? null : Email.restore(row.email()),
        row.createdAt(),
        row.updatedAt(),
        row.version());
  }
}
