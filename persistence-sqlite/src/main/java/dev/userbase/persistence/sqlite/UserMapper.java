package dev.userbase.persistence.sqlite;

import dev.userbase.domain.Email;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;

/** Converts between the domain's users and the table's rows. */
final class UserMapper {

  private UserMapper() {}

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
