package dev.userbase.domain;

/** No user has the id asked for. */
public final class UserNotFoundException extends RuntimeException {

  private final UserId id;

  public UserNotFoundException(UserId id) {
    super("user " + id + " does not exist");
    this.id = id;
  }

  public UserId id() {
    return id;
  }
}
