package dev.userbase.domain;

/** Another user already has this email. */
public final class EmailAlreadyTakenException extends RuntimeException {

  private final Email email;

  /** @param email the email, or null when the store did not say which (a bulk import) */
  public EmailAlreadyTakenException(Email email) {
    super(
        email == null
            ? "an email belongs to another user"
            : "email " + email + " belongs to another user");
    this.email = email;
  }

  public Email email() {
    return email;
  }
}
