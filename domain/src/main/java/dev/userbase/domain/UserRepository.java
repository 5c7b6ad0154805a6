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
   * only the one with {@code email} when that is given; only those whose {@link
   * UserName#searchKey name's search key} starts with {@code nameKeyPrefix} when that is given,
   * compared character by character (no pattern characters).
   */
  List<User> list(long afterId, Optional<Email> email, Optional<String> nameKeyPrefix, int limit);

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
