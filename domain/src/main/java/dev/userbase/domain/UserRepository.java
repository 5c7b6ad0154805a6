package dev.userbase.domain;

import java.util.List;
import java.util.Optional;

/** Outgoing persistence port for users. Every adapter passes {@code UserRepositoryContract}. */
public interface UserRepository {

  /**
   * Stores a new user and returns it with the id the store assigned.
   *
   * @throws EmailAlreadyTakenException if another user has the same email
   */
  User insert(User newUser);

  Optional<User> findById(UserId id);

  /**
   * Users with an id above {@code afterId}, in ascending id order, at most {@code limit} of them;
   * only the one with {@code email} when that is given.
   */
  List<User> list(long afterId, Optional<Email> email, int limit);

  /**
   * Users whose {@link UserName#searchKey name's search key} starts with {@code nameKeyPrefix},
   * compared code point by code point (no pattern characters), ordered by that key and then id,
   * those after {@code after} when it is given, at most {@code limit} of them; only the one with
   * {@code email} when that is given. A page is one range of the (key, id) index, at any depth.
   */
  List<User> search(
      String nameKeyPrefix, Optional<Email> email, Optional<SearchCursor> after, int limit);

  /**
   * Replaces the stored user with {@code changed} if the stored version is the one before it
   * ({@code changed.version() - 1}).
   *
   * @return false if the user is gone or its version moved on
   * @throws EmailAlreadyTakenException if another user has the new email
   */
  boolean update(User changed);

  /**
   * Deletes the user, if it has the given version.
   *
   * @return false if the user is gone or has another version
   */
  boolean delete(UserId id, long version);

  /**
   * Deletes the user whatever its version.
   *
   * @return false if there was no such user
   */
  boolean delete(UserId id);
}
