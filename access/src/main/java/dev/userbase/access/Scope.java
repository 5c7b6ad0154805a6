package dev.userbase.access;

import java.util.Arrays;
import java.util.Optional;

/** What a token may do. Scopes do not imply each other: {@code admin} cannot read users. */
public enum Scope {
  /** {@code GET} on {@code /users…}. */
  USERS_READ("users:read"),
  /** {@code POST}, {@code PUT}, {@code PATCH} and {@code DELETE} on {@code /users…}. */
  USERS_WRITE("users:write"),
  /** {@code GET} on {@code /groups…} and {@code /users/{id}/groups}. */
  GROUPS_READ("groups:read"),
  /** Every change to groups and memberships. */
  GROUPS_WRITE("groups:write"),
  /** {@code GET} on {@code /events}: the change feed, which holds every user's data. */
  EVENTS_READ("events:read"),
  /** The operational endpoints: metrics, health details, backups, exports. */
  ADMIN("admin");

  private final String text;

  Scope(String text) {
    this.text = text;
  }

  /** The scope as written in the tokens file, a JWT's claim and a problem body. */
  public String text() {
    return text;
  }

  public static Optional<Scope> parse(String text) {
    return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst();
  }

  @Override
  public String toString() {
    return text;
  }
}
