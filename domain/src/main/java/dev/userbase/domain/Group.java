package dev.userbase.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A group of users: a team, a role, a tenant. Immutable: every change returns a new instance with
 * the next version. Its members are memberships the store keeps, not a field of the group, so
 * that adding one never changes the group's version.
 */
public final class Group {

  private final GroupId id;
  private final GroupName name;
  private final GroupDescription description;
  private final Instant createdAt;
  private final Instant updatedAt;
  private final long version;

  private Group(
      GroupId id,
      GroupName name,
      GroupDescription description,
      Instant createdAt,
      Instant updatedAt,
      long version) {
    this.id = id;
    this.name = Objects.requireNonNull(name, "name");
    this.description = description;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    this.version = version;
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
  }

  /** A new group, not yet stored: it has no id until the repository assigns one. */
  public static Group create(GroupName name, GroupDescription description, Clock clock) {
    Instant now = now(clock);
    return new Group(null, name, description, now, now, 1);
  }

  /** For loading from storage only: rebuilds a group exactly as it was stored. */
  public static Group restore(
      GroupId id,
      GroupName name,
      GroupDescription description,
      Instant createdAt,
      Instant updatedAt,
      long version) {
    return new Group(
        Objects.requireNonNull(id, "id"), name, description, createdAt, updatedAt, version);
  }

  /** This group with the id the store assigned. */
  public Group withId(GroupId assigned) {
    if (id != null) {
      throw new IllegalStateException("group " + id + " already has an id");
    }
    return new Group(
        Objects.requireNonNull(assigned), name, description, createdAt, updatedAt, version);
  }

  /** This group with a new name and description, the next version and a fresh update time. */
  public Group change(GroupName newName, GroupDescription newDescription, Clock clock) {
    Instant now = now(clock);
    Instant updated = now.isBefore(createdAt) ? createdAt : now;
    return new Group(id, newName, newDescription, createdAt, updated, version + 1);
  }

  private static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The id, or null for a group not yet stored. */
  public GroupId id() {
    return id;
  }

  public GroupName name() {
    return name;
  }

  public Optional<GroupDescription> description() {
    return Optional.ofNullable(description);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public long version() {
    return version;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Group other
        && Objects.equals(id, other.id)
        && name.equals(other.name)
        && Objects.equals(description, other.description)
        && createdAt.equals(other.createdAt)
        && updatedAt.equals(other.updatedAt)
        && version == other.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, description, createdAt, updatedAt, version);
  }

  @Override
  public String toString() {
    return "Group[id=" + id + ", name=" + name + ", version=" + version + "]";
  }
}
