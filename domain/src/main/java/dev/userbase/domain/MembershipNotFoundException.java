package dev.userbase.domain;

/** The user is not a member of the group. */
public final class MembershipNotFoundException extends RuntimeException {

  private final GroupId group;
  private final UserId user;

  public MembershipNotFoundException(GroupId group, UserId user) {
    super("user " + user + " is not a member of group " + group);
    this.group = group;
    this.user = user;
  }

  public GroupId group() {
    return group;
  }

  public UserId user() {
    return user;
  }
}
