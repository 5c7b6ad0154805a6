package dev.userbase.domain;

/** What a change in the feed did, with the name the feed gives it. */
public enum ChangeType {
  USER_CREATED("user.created"),
  USER_UPDATED("user.updated"),
  USER_DELETED("user.deleted"),
  GROUP_CREATED("group.created"),
  GROUP_UPDATED("group.updated"),
  GROUP_DELETED("group.deleted"),
  MEMBERSHIP_ADDED("membership.added"),
  MEMBERSHIP_REMOVED("membership.removed"),
  /** An import ran: consumers resynchronise, since an import's rows have no events of their own. */
  IMPORT_COMPLETED("import.completed");

  private final String wireName;

  ChangeType(String wireName) {
    this.wireName = wireName;
  }

  /** Its name in the feed, such as {@code user.created}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The type of that name.
   *
   * @throws IllegalArgumentException when no type has it
   */
  public static ChangeType named(String wireName) {
    for (ChangeType type : values()) {
      if (type.wireName.equals(wireName)) {
        return type;
      }
    }
    throw new IllegalArgumentException("no change type " + wireName);
  }
}
