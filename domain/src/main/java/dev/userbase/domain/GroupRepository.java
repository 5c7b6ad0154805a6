package dev.userbase.domain;

import java.util.List;
import java.util.Optional;

/**
 * Outgoing persistence port for groups and their memberships. Every adapter passes {@code
 * GroupRepositoryContract}. The store's own foreign keys keep memberships whole: a membership
 * always names a stored group and a stored user, and deleting either deletes its memberships, in
 * the same statement.
 */
public interface GroupRepository {

  /** What adding a membership did. */
  enum Added {
    /** The user is now a member. */
    ADDED,
    /** The user was a member already; nothing changed. */
    ALREADY
  }

  /**
   * Stores a new group and returns it with the id the store assigned.
   *
   * @throws GroupNameTakenException if another group has the name, ignoring case
   */
  Group insert(Group newGroup);

  Optional<Group> findById(GroupId id);

  /** Groups with an id above {@code afterId}, in ascending id order, at most {@code limit}. */
  List<Group> list(long afterId, int limit);

  /**
   * Groups whose name's search key starts with {@code nameKeyPrefix}, ordered by that key (unique,
   * so by key and id), those after {@code after} when it is given, at most {@code limit}: one
   * range of the key's index at any depth.
   */
  List<Group> search(String nameKeyPrefix, Optional<SearchCursor> after, int limit);

  /**
   * Replaces the stored group with {@code changed} if the stored version is the one before it.
   *
   * @return false if the group is gone or its version moved on
   * @throws GroupNameTakenException if another group has the new name, ignoring case
   */
  boolean update(Group changed);

  /**
   * Deletes the group, if it has the given version, and its memberships with it.
   *
   * @return false if the group is gone or has another version
   */
  boolean delete(GroupId id, long version);

  /**
   * Deletes the group whatever its version, and its memberships with it.
   *
   * @return false if there was no such group
   */
  boolean delete(GroupId id);

  /**
   * Makes the user a member of the group.
   *
   * @throws GroupNotFoundException if the group is not stored (or is deleted meanwhile)
   * @throws UserNotFoundException if the user is not stored (or is deleted meanwhile)
   */
  Added add(GroupId group, UserId user);

  /**
   * Ends the user's membership of the group.
   *
   * @return false if the user was not a member
   */
  boolean remove(GroupId group, UserId user);

  /** The group's members with a user id above {@code afterUserId}, in user id order. */
  List<User> members(GroupId group, long afterUserId, int limit);

  /** The groups the user belongs to with an id above {@code afterGroupId}, in group id order. */
  List<Group> groupsOf(UserId user, long afterGroupId, int limit);
}
