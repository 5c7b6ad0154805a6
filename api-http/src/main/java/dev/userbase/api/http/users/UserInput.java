package dev.userbase.api.http.users;

import dev.userbase.api.http.common.JsonBody;
import dev.userbase.api.http.problem.Problem;
import dev.userbase.api.http.problem.ProblemException;
import dev.userbase.domain.Email;
import dev.userbase.domain.InvalidValueException;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fields a client may set on a user, read strictly: unknown and read-only fields are refused,
 * and so is any value of the wrong JSON type. Every broken rule is reported, not just the first.
 *
 * @param email null when the user has none
 */
record UserInput(UserName name, Email email) {

  /** The user's fields, as every body that writes one declares them. */
  static final JsonBody.Fields FIELDS = new JsonBody.Fields(
      Set.of("name", "email"), Set.of("id", "version", "createdAt", "updatedAt"));

  /** Reads a create's JSON object body: {@code name} required, {@code email} optional. */
  static UserInput fromJson(String text) {
    JsonBody body = JsonBody.parse(text, FIELDS);
    String name = body.string("name", false);
    String email = body.string("email", true);
    return validated(name, email, body.errors());
  }

  /**
   * Reads a PUT's body, which replaces the user: both fields must be there ({@code email} may be
   * null), so that a field left out is never silently cleared.
   */
  static UserInput replacementFromJson(String text) {
    JsonBody body = JsonBody.parse(text, FIELDS);
    if (!body.has("email")) {
      body.reject("email", "is required: null removes the email; PATCH changes one field alone");
    }
    String name = body.string("name", false);
    String email = body.string("email", true);
    return validated(name, email, body.errors());
  }

  /**
   * Reads a JSON merge patch (RFC 7396): a field left out stays; {@code "email": null} removes the
   * email; {@code "name": null} is refused, since a user must have a name.
   */
  static UserPatch patchFromJson(String text) {
    JsonBody body = JsonBody.parse(text, FIELDS);
    Optional<UserName> name = Optional.empty();
    Optional<Optional<Email>> email = Optional.empty();
    if (body.isNull("name")) {
      body.reject("name", "cannot be removed: a user must have a name");
    } else if (body.has("name")) {
      String value = body.string("name", false);
      if (value != null) {
        try {
          name = Optional.of(UserName.of(value));
        } catch (InvalidValueException e) {
          body.reject(e.field(), e.reason());
        }
      }
    }
    if (body.isNull("email")) {
      email = Optional.of(Optional.empty());
    } else if (body.has("email")) {
      String value = body.string("email", true);
      if (value != null) {
        try {
          email = Optional.of(Optional.of(Email.of(value)));
        } catch (InvalidValueException e) {
          body.reject(e.field(), e.reason());
        }
      }
    }
    body.throwIfInvalid();
    return new UserPatch(name, email);
  }

  /** Reads the query-string form of a create, {@code ?name=…&email=…}. */
  static UserInput fromQuery(String name, String email) {
    return validated(name, email, new ArrayList<>());
  }

  private static UserInput validated(
      String rawName, String rawEmail, List<Problem.FieldError> errors) {
    UserName name = null;
    Email email = null;
    boolean nameReported = errors.stream().anyMatch(e -> e.field().equals("name"));
    boolean emailReported = errors.stream().anyMatch(e -> e.field().equals("email"));
    if (!nameReported) {
      try {
        name = UserName.of(rawName);
      } catch (InvalidValueException e) {
        errors.add(new Problem.FieldError(e.field(), e.reason()));
      }
    }
    if (!emailReported && rawEmail != null) {
      try {
        email = Email.of(rawEmail);
      } catch (InvalidValueException e) {
        errors.add(new Problem.FieldError(e.field(), e.reason()));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new UserInput(name, email);
  }
}
