package dev.userbase.domain;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The use cases on groups and their memberships. A change follows a user's rules: an optional
 * precondition on the version, and without one the last write wins.
 */
public class GroupService {

  private final GroupRepository groups;
  private final UserRepository users;
  private final Clock clock;

  public GroupService(GroupRepository groups, UserRepository users, Clock clock) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.users = Objects.requireNonNull(users, "users");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a group.
   *
   * @param description may be null
   * @throws GroupNameTakenException if another group has the name, ignoring case
   */
  public Group create(GroupName name, GroupDescription description) {
    return groups.insert(Group.create(name, description, clock));
  }

  /**
   * @throws GroupNotFoundException if there is no such group
   */
  public Group get(GroupId id) {
    return groups.findById(id).orElseThrow(() -> new GroupNotFoundException(id));
  }

  public Page<Group> list(GroupQuery query) {
    if (query.namePrefix().isPresent()) {
      List<Group> rows = groups.search(
          UserName.searchKey(query.namePrefix().get()), query.searchAfter(), query.limit() + 1);
      return Page.of(
          rows,
          query.limit(),
          group -> new SearchCursor(group.name().searchKey(), group.id().value()).encode());
    }
    List<Group> rows = groups.list(query.afterId(), query.limit() + 1);
    return Page.of(rows, query.limit(), group -> Long.toString(group.id().value()));
  }

  /**
   * Replaces a group's name and description.
   *
   * @param description may be null, which removes it
   * @throws GroupNotFoundException if there is no such group
   * @throws VersionConflictException if the group's version does not meet the condition
   * @throws GroupNameTakenException if another group has the name, ignoring case
   */
  public Group update(
      GroupId id, GroupName name, GroupDescription description, Precondition condition) {
    return change(id, condition, current -> current.change(name, description, clock));
  }

  /**
   * Changes the fields a patch names; an empty patch returns the group as it is.
   *
   * @throws GroupNotFoundException if there is no such group
   * @throws VersionConflictException if the group's version does not meet the condition
   * @throws GroupNameTakenException if another group has the name, ignoring case
   */
  public Group patch(GroupId id, GroupPatch patch, Precondition condition) {
    if (patch.isEmpty()) {
      Group current = get(id);
      check(current, condition);
      return current;
    }
    return change(id, condition, current -> patch.applyTo(current, clock));
  }

  /**
   * Deletes a group and its memberships; no user.
   *
   * @throws GroupNotFoundException if there is no such group
   * @throws VersionConflictException if the group's version does not meet the condition
   */
  public void delete(GroupId id, Precondition condition) {
    if (!condition.isGiven()) {
      if (!groups.delete(id)) {
        throw new GroupNotFoundException(id);
      }
      return;
    }
    for (int attempt = 1; attempt <= UserService.UNCONDITIONAL_ATTEMPTS; attempt++) {
      Group current = get(id);
      check(current, condition);
      if (groups.delete(id, current.version())) {
        return;
      }
    }
    throw new StoreBusyException("group " + id + " kept changing while it was being deleted");
  }

  /**
   * Makes the user a member of the group; a member already stays one, and nothing changes.
   *
   * @return whether the user became a member now
   * @throws GroupNotFoundException if there is no such group
   * @throws UserNotFoundException if there is no such user
   */
  public boolean addMember(GroupId group, UserId user) {
    return groups.add(group, user) == GroupRepository.Added.ADDED;
  }

  /**
   * Ends the user's membership of the group.
   *
   * @throws GroupNotFoundException if there is no such group
   * @throws UserNotFoundException if there is no such user
   * @throws MembershipNotFoundException if the user is not a member
   */
  public void removeMember(GroupId group, UserId user) {
    if (!groups.remove(group, user)) {
      get(group);
      if (users.findById(user).isEmpty()) {
        throw new UserNotFoundException(user);
      }
      throw new MembershipNotFoundException(group, user);
    }
  }

  /**
   * A page of the group's members, in user id order.
   *
   * @param afterUserId 0 for the first page
   * @throws GroupNotFoundException if there is no such group
   */
  public Page<User> members(GroupId group, long afterUserId, int limit) {
    get(group);
    checkLimit(limit);
    List<User> rows = groups.members(group, afterUserId, limit + 1);
    return Page.of(rows, limit, user -> Long.toString(user.id().value()));
  }

  /**
   * A page of the user's groups, in group id order.
   *
   * @param afterGroupId 0 for the first page
   * @throws UserNotFoundException if there is no such user
   */
  public Page<Group> groupsOf(UserId user, long afterGroupId, int limit) {
    if (users.findById(user).isEmpty()) {
      throw new UserNotFoundException(user);
    }
    checkLimit(limit);
    List<Group> rows = groups.groupsOf(user, afterGroupId, limit + 1);
    return Page.of(rows, limit, group -> Long.toString(group.id().value()));
  }

  private Group change(GroupId id, Precondition condition, UnaryOperator<Group> change) {
    for (int attempt = 1; attempt <= UserService.UNCONDITIONAL_ATTEMPTS; attempt++) {
      Group current = get(id);
      check(current, condition);
      Group changed = change.apply(current);
      if (groups.update(changed)) {
        return changed;
      }
    }
    throw new StoreBusyException("group " + id + " kept changing while it was being changed");
  }

  private static void check(Group current, Precondition condition) {
    if (!condition.holdsFor(current.version())) {
      throw new VersionConflictException(current.id(), condition.toString(), current.version());
    }
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > UserQuery.MAX_LIMIT) {
      throw new InvalidValueException("limit", "must be between 1 and " + UserQuery.MAX_LIMIT);
    }
  }
}
