package dev.userbase.domain;

/** Another group has this name, ignoring case. */
public final class GroupNameTakenException extends RuntimeException {

  private final GroupName name;

  /** @param name the name, or null when the store did not say which (a bulk import) */
  public GroupNameTakenException(GroupName name) {
    super(
        name == null
            ? "a group name belongs to another group"
            : "group name " + name + " belongs to another group, ignoring case");
    this.name = name;
  }

  public GroupName name() {
    return name;
  }
}
