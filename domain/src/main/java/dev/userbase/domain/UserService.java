package dev.userbase.domain;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

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
    List<User> rows = query.namePrefix().isPresent()
        ? users.search(
            UserName.searchKey(query.namePrefix().get()),
            query.email(),
            query.searchAfter(),
            query.limit() + 1)
        : users.list(query.afterId(), query.email(), query.limit() + 1);
    if (rows.size() <= query.limit()) {
      return new UserPage(rows, Optional.empty());
    }
    List<User> page = rows.subList(0, query.limit());
    return new UserPage(page, Optional.of(query.after(page.get(page.size() - 1))));
  }

  /**
   * Replaces a user's name and email.
   *
   * @param email may be null, which removes the email
   * @param condition what the user's current version must meet; {@link Precondition#none()} means
   *     the last write wins
   * @throws UserNotFoundException if there is no such user
   * @throws VersionConflictException if the user's version does not meet the condition; never
   *     when there is none
   * @throws EmailAlreadyTakenException if another user has the email
   * @throws StoreBusyException if other writes kept winning the race
   */
  public User update(UserId id, UserName name, Email email, Precondition condition) {
    return change(id, condition, current -> current.changeDetails(name, email, clock));
  }

  /**
   * Changes the fields a patch names and keeps the others. An empty patch changes nothing: it
   * returns the current user (once the condition is met), at its current version.
   *
   * @throws UserNotFoundException if there is no such user
   * @throws VersionConflictException if the user's version does not meet the condition
   * @throws EmailAlreadyTakenException if another user has the email
   * @throws StoreBusyException if other writes kept winning the race
   */
  public User patch(UserId id, UserPatch patch, Precondition condition) {
    if (patch.isEmpty()) {
      User current = get(id);
      check(current, condition);
      return current;
    }
    return change(id, condition, current -> patch.applyTo(current, clock));
  }

  private User change(UserId id, Precondition condition, UnaryOperator<User> change) {
    for (int attempt = 1; attempt <= UNCONDITIONAL_ATTEMPTS; attempt++) {
      User current = get(id);
      check(current, condition);
      User changed = change.apply(current);
      if (users.update(changed)) {
        return changed;
      }
      // Another write won the race: read again. A version condition is checked against the
      // version that write left, so a stale tag ends here with 412; without one, the last write
      // wins.
    }
    throw new StoreBusyException(
        "user " + id + " changed " + UNCONDITIONAL_ATTEMPTS + " times while it was being changed");
  }

  /**
   * Deletes a user.
   *
   * @throws UserNotFoundException if there is no such user
   * @throws VersionConflictException if the user's version does not meet the condition
   */
  public void delete(UserId id, Precondition condition) {
    if (!condition.isGiven()) {
      if (!users.delete(id)) {
        throw new UserNotFoundException(id);
      }
      return;
    }
    for (int attempt = 1; attempt <= UNCONDITIONAL_ATTEMPTS; attempt++) {
      User current = get(id);
      check(current, condition);
      if (users.delete(id, current.version())) {
        return;
      }
    }
    throw new StoreBusyException(
        "user " + id + " changed " + UNCONDITIONAL_ATTEMPTS + " times while it was being deleted");
  }

  private static void check(User current, Precondition condition) {
    if (!condition.holdsFor(current.version())) {
      throw new VersionConflictException(current.id(), condition.toString(), current.version());
    }
  }
}
