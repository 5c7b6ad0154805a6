package dev.userbase.domain;

/** The caller's idea of a user's version is not the stored one. */
public final class VersionConflictException extends RuntimeException {

  private final UserId id;
  private final String expected;
  private final long actual;

  public VersionConflictException(UserId id, long expected, long actual) {
    this(id, "version " + expected, actual);
  }

  /**
   * @param expected what was asked for, such as "version 3 or 4"
   */
  public VersionConflictException(UserId id, String expected, long actual) {
    super("user " + id + " is at version " + actual + ", not " + expected);
    this.id = id;
    this.expected = expected;
    this.actual = actual;
  }

  public UserId id() {
    return id;
  }

  public String expected() {
    return expected;
  }

  public long actual() {
    return actual;
  }
}
