package dev.userbase.domain;

/** The caller's idea of a user's or a group's version is not the stored one. */
public final class VersionConflictException extends RuntimeException {

  private final String resource;
  private final long id;
  private final String expected;
  private final long actual;

  public VersionConflictException(UserId id, long expected, long actual) {
    this(id, "version " + expected, actual);
  }

  /**
   * @param expected what was asked for, such as "version 3 or 4"
   */
  public VersionConflictException(UserId id, String expected, long actual) {
    this("user", id.value(), expected, actual);
  }

  /**
   * @param expected what was asked for, such as "version 3 or 4"
   */
  public VersionConflictException(GroupId id, String expected, long actual) {
    this("group", id.value(), expected, actual);
  }

  private VersionConflictException(String resource, long id, String expected, long actual) {
    super(resource + " " + id + " is at version " + actual + ", not " + expected);
    this.resource = resource;
    this.id = id;
    this.expected = expected;
    this.actual = actual;
  }

  /** What is at another version: {@code user} or {@code group}. */
  public String resource() {
    return resource;
  }

  public long id() {
    return id;
  }

  public String expected() {
    return expected;
  }

  public long actual() {
    return actual;
  }
}
