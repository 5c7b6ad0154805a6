package dev.userbase.domain;

/** No group has the id asked for. */
public final class GroupNotFoundException extends RuntimeException {

  private final GroupId id;

  public GroupNotFoundException(GroupId id) {
    super("group " + id + " does not exist");
    this.id = id;
  }

  public GroupId id() {
    return id;
  }
}
