package dev.userbase.domain;

import java.util.Optional;

/**
 * A partial change (RFC 7396's merge patch, read by the HTTP layer): a field left out stays as it
 * is; an email given as null is removed. A user always has a name, so a patch cannot remove it.
 */
public record UserPatch(Optional<UserName> name, Optional<Optional<Email>> email) {

  public UserPatch {
    name = name == null ? Optional.empty() : name;
    email = email == null ? Optional.empty() : email;
  }

  public static UserPatch nothing() {
    return new UserPatch(Optional.empty(), Optional.empty());
  }

  public boolean isEmpty() {
    return name.isEmpty() && email.isEmpty();
  }

  /** The user with this patch applied to its details. */
  User applyTo(User current, java.time.Clock clock) {
    return current.changeDetails(
        name.orElse(current.name()), email.orElse(current.email()).orElse(null), clock);
  }
}
