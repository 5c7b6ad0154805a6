package dev.userbase.domain;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The use cases on users: create, read, list, update and delete. */
public class UserService {

  // An update without If-Match means "last writer wins": retry a lost race a few times.
  private static final int UNCONDITIONAL_ATTEMPTS = 5;

  private final UserRepository users;
  private final Clock clock;

  public UserService(UserRepository users, Clock clock) {
    this.users = Objects.requireNonNull(users, "users");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a user.
   *
   * @param email may be null
   * @throws EmailAlreadyTakenException if another user has the email
   */
  public User create(UserName name, Email email) {
    return users.insert(User.create(name, email, clock));
  }

  /**
   * @throws UserNotFoundException if there is no such user
   */
  public User get(UserId id) {
    return users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
  }

  public UserPage list(UserQuery query) {
    // One extra row tells whether another page follows, without a count.
    List<User> rows = users.list(query.afterId(), query.email(), query.limit() + 1);
    if (rows.size() <= query.limit()) {
      return new UserPage(rows, Optional.empty());
    }
    List<User> page = rows.subList(0, query.limit());
    UserId last = page.get(page.size() - 1).id();
    return new UserPage(
        page, Optional.of(new UserQuery(Optional.of(last), query.email(), query.limit())));
  }

  /**
   * Replaces a user's name and email.
   *
   * @param email may be null, which removes the email
   * @param expectedVersion when present, the update happens only at that version
   * @throws UserNotFoundException if there is no such user
   * @throws VersionConflictException if the user is not at the expected version
   * @throws EmailAlreadyTakenException if another user has the email
   */
  public User update(UserId id, UserName name, Email email, OptionalLong expectedVersion) {
    int attempts = expectedVersion.isPresent() ? 1 : UNCONDITIONAL_ATTEMPTS;
    for (int attempt = 1; ; attempt++) {
      User current = get(id);
      checkVersion(current, expectedVersion);
      User changed = current.changeDetails(name, email, clock);
      if (users.update(changed)) {
        return changed;
      }
      // Someone else changed or deleted the user between our read and our write.
      User now = get(id);
      if (attempt >= attempts) {
        throw new VersionConflictException(id, current.version(), now.version());
      }
    }
  }

  /**
   * Deletes a user.
   *
   * @param expectedVersion when present, the delete happens only at that version
   * @throws UserNotFoundException if there is no such user
   * @throws VersionConflictException if the user is not at the expected version
   */
  public void delete(UserId id, OptionalLong expectedVersion) {
    if (expectedVersion.isEmpty()) {
      if (!users.delete(id)) {
        throw new UserNotFoundException(id);
      }
      return;
    }
    if (!users.delete(id, expectedVersion.getAsLong())) {
      checkVersion(get(id), expectedVersion);
      throw new UserNotFoundException(id);
    }
  }

  private static void checkVersion(User current, OptionalLong expectedVersion) {
    if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
      throw new VersionConflictException(
          current.id(), expectedVersion.getAsLong(), current.version());
    }
  }
}
