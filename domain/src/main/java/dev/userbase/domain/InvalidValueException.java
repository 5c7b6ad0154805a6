package dev.userbase.domain;

/** A value given for one field breaks that field's rules. */
public final class InvalidValueException extends RuntimeException {

  private final String field;

  public InvalidValueException(String field, String message) {
    super("'" + field + "' " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** The rule that was broken, without the field name. */
  public String reason() {
    return getMessage().substring(field.length() + 3);
  }
}
