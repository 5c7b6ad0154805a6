package dev.userbase.domain;

/** Another user already has this email. */
public final class EmailAlreadyTakenException extends RuntimeException {

  private final Email email;

  public EmailAlreadyTakenException(Email email) {
    super("email " + email + " belongs to another user");
    this.email = email;
  }

  public Email email() {
    return email;
  }
}
