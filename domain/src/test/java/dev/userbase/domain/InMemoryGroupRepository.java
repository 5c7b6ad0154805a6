package dev.userbase.domain;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * In-memory fake of the groups port, beside {@link InMemoryUserRepository}, held to the same
 * contract as the real adapters. A deleted user's memberships go with it as a store's cascade
 * would: they are dropped the next time they are looked at.
 */
public final class InMemoryGroupRepository implements GroupRepository {

  private final InMemoryUserRepository users;
  private final TreeMap<Long, Group> rows = new TreeMap<>();
  private final TreeSet<Membership> memberships = new TreeSet<>();
  private long lastId;

  private record Membership(long group, long user) implements Comparable<Membership> {
    @Override
    public int compareTo(Membership other) {
      int byGroup = Long.compare(group, other.group);
      return byGroup != 0 ? byGroup : Long.compare(user, other.user);
    }
  }

  public InMemoryGroupRepository(InMemoryUserRepository users) {
    this.users = users;
  }

  @Override
  public synchronized Group insert(Group newGroup) {
    checkNameFree(newGroup.name(), 0);
    Group stored = newGroup.withId(new GroupId(++lastId));
    rows.put(stored.id().value(), stored);
    return stored;
  }

  @Override
  public synchronized Optional<Group> findById(GroupId id) {
    return Optional.ofNullable(rows.get(id.value()));
  }

  @Override
  public synchronized List<Group> list(long afterId, int limit) {
    return rows.tailMap(afterId, false).values().stream().limit(limit).toList();
  }

  @Override
  public synchronized List<Group> search(
      String nameKeyPrefix, Optional<SearchCursor> after, int limit) {
    return rows.values().stream()
        .filter(group -> group.name().searchKey().startsWith(nameKeyPrefix))
        .filter(group -> after.isEmpty()
            || after.get().isBefore(group.name().searchKey(), group.id().value()))
        .sorted(
            (x, y) -> SearchCursor.compareKeys(x.name().searchKey(), y.name().searchKey()))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean update(Group changed) {
    Group stored = rows.get(changed.id().value());
    if (stored == null || stored.version() != changed.version() - 1) {
      return false;
    }
    checkNameFree(changed.name(), changed.id().value());
    rows.put(changed.id().value(), changed);
    return true;
  }

  @Override
  public synchronized boolean delete(GroupId id, long version) {
    Group stored = rows.get(id.value());
    return stored != null && stored.version() == version && delete(id);
  }

  @Override
  public synchronized boolean delete(GroupId id) {
    memberships.removeIf(membership -> membership.group() == id.value());
    return rows.remove(id.value()) != null;
  }

  @Override
  public synchronized Added add(GroupId group, UserId user) {
    if (!rows.containsKey(group.value())) {
      throw new GroupNotFoundException(group);
    }
    if (users.findById(user).isEmpty()) {
      throw new UserNotFoundException(user);
    }
    return memberships.add(new Membership(group.value(), user.value()))
        ? Added.ADDED
        : Added.ALREADY;
  }

  @Override
  public synchronized boolean remove(GroupId group, UserId user) {
    cascade();
    return memberships.remove(new Membership(group.value(), user.value()));
  }

  @Override
  public synchronized List<User> members(GroupId group, long afterUserId, int limit) {
    cascade();
    return memberships.stream()
        .filter(m -> m.group() == group.value() && m.user() > afterUserId)
        .limit(limit)
        .map(m -> users.findById(new UserId(m.user())).orElseThrow())
        .toList();
  }

  @Override
  public synchronized List<Group> groupsOf(UserId user, long afterGroupId, int limit) {
    cascade();
    return memberships.stream()
        .filter(m -> m.user() == user.value() && m.group() > afterGroupId)
        .limit(limit)
        .map(m -> rows.get(m.group()))
        .toList();
  }

  /** Memberships whose group or user is not stored, once a deleted user's are cascaded away. */
  public synchronized long orphans() {
    cascade();
    return memberships.stream()
        .filter(m ->
            !rows.containsKey(m.group()) || users.findById(new UserId(m.user())).isEmpty())
        .count();
  }

  /** What a store's ON DELETE CASCADE did when a user was deleted. */
  private void cascade() {
    memberships.removeIf(m -> users.findById(new UserId(m.user())).isEmpty());
  }

  private void checkNameFree(GroupName name, long ownerId) {
    for (Group group : rows.values()) {
      if (group.id().value() != ownerId && group.name().searchKey().equals(name.searchKey())) {
        throw new GroupNameTakenException(name);
      }
    }
  }
}
