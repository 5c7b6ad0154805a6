package dev.userbase.domain;

/** The caller's idea of a user's version is not the stored one. */
public final class VersionConflictException extends RuntimeException {

  private final UserId id;
  private final long expected;
  private final long actual;

  public VersionConflictException(UserId id, long expected, long actual) {
    super("user " + id + " is at version " + actual + ", not " + expected);
    this.id = id;
    this.expected = expected;
    this.actual = actual;
  }

  public UserId id() {
    return id;
  }

  public long expected() {
    return expected;
  }

  public long actual() {
    return actual;
  }
}
