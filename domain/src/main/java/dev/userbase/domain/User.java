package dev.userbase.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A user of the service. Immutable: every change returns a new instance with the next version.
 *
 * <p>Times are kept to the millisecond, the precision every store keeps, so a user read back equals
 * the user that was stored.
 */
public final class User {

  private final UserId id;
  private final UserName name;
  private final Email email;
  private final Instant createdAt;
  private final Instant updatedAt;
  private final long version;

  private User(
      UserId id, UserName name, Email email, Instant createdAt, Instant updatedAt, long version) {
    this.id = id;
    this.name = Objects.requireNonNull(name, "name");
    this.email = email;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    this.version = version;
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
  }

  /** A new user, not yet stored: it has no id until the repository assigns one. */
  public static User create(UserName name, Email email, Clock clock) {
    Instant now = now(clock);
    return new User(null, name, email, now, now, 1);
  }

  /** For loading from storage only: rebuilds a user exactly as it was stored. */
  public static User restore(
      UserId id, UserName name, Email email, Instant createdAt, Instant updatedAt, long version) {
    return new User(Objects.requireNonNull(id, "id"), name, email, createdAt, updatedAt, version);
  }

  /**
   * A user brought in from an export: its version and times as given, and its id as given or,
   * when null, one the store will assign.
   */
  public static User imported(
      UserId idOrNull,
      UserName name,
      Email email,
      Instant createdAt,
      Instant updatedAt,
      long version) {
    return new User(idOrNull, name, email, createdAt, updatedAt, version);
  }

  /** This user with the id the store assigned. */
  public User withId(UserId assigned) {
    if (id != null) {
      throw new IllegalStateException("user " + id + " already has an id");
    }
    return new User(Objects.requireNonNull(assigned), name, email, createdAt, updatedAt, version);
  }

  /** This user with new details, the next version and a fresh update time. */
  public User changeDetails(UserName newName, Email newEmail, Clock clock) {
    Instant now = now(clock);
    // A clock that steps back must not make updatedAt precede createdAt.
    Instant updated = now.isBefore(createdAt) ? createdAt : now;
    return new User(id, newName, newEmail, createdAt, updated, version + 1);
  }

  private static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The id, or null for a user not yet stored. */
  public UserId id() {
    return id;
  }

  public UserName name() {
    return name;
  }

  public Optional<Email> email() {
    return Optional.ofNullable(email);
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
    return o instanceof User other
        && Objects.equals(id, other.id)
        && name.equals(other.name)
        && Objects.equals(email, other.email)
        && createdAt.equals(other.createdAt)
        && updatedAt.equals(other.updatedAt)
        && version == other.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, email, createdAt, updatedAt, version);
  }

  @Override
  public String toString() {
    return "User[id=" + id + ", name=" + name + ", email=" + email + ", version=" + version + "]";
  }
}
