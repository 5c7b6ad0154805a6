package dev.userbase.domain;

/** Another user already has this id: an import asked for an id that is stored already. */
public final class IdAlreadyTakenException extends RuntimeException {

  private final UserId id;

  /** @param id the id, or null when the store did not say which */
  public IdAlreadyTakenException(UserId id) {
    super(
        id == null
            ? "an id belongs to another user"
            : "id " + id.value() + " belongs to another user");
    this.id = id;
  }

  /** The id, or null when the store did not say which. */
  public UserId id() {
    return id;
  }
}
