package dev.userbase.domain;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The use cases on users: create, read, list, update and delete. */
public class UserService {

  // An update without a precondition means "the last write wins": a lost race is retried, never
  // reported as a version conflict the client did not ask about. Each lost race means another
  // write committed, so the loop ends; the bound only keeps a pathological storm from holding a
  // handler forever.
  static final int UNCONDITIONAL_ATTEMPTS = 100;

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
   * @throws VersionConflictException if the user is not at the expected version; never when no
   *     version is expected
   * @throws EmailAlreadyTakenException if another user has the email
   * @throws StoreBusyException if, without an expected version, other writes kept winning the race
   */
  public User update(UserId id, UserName name, Email email, OptionalLong expectedVersion) {
    if (expectedVersion.isPresent()) {
      User current = get(id);
      checkVersion(current, expectedVersion);
      User changed = current.changeDetails(name, email, clock);
      if (!users.update(changed)) {
        // Someone else changed or deleted the user between our read and our write.
        throw new VersionConflictException(
            id, expectedVersion.getAsLong(), get(id).version());
      }
      return changed;
    }
    for (int attempt = 1; attempt <= UNCONDITIONAL_ATTEMPTS; attempt++) {
      User changed = get(id).changeDetails(name, email, clock);
      if (users.update(changed)) {
        return changed;
      }
    }
    throw new StoreBusyException(
        "user " + id + " changed " + UNCONDITIONAL_ATTEMPTS + " times while it was being replaced");
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
