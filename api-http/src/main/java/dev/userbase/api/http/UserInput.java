package dev.userbase.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.userbase.domain.Email;
import dev.userbase.domain.InvalidValueException;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserPatch;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields a client may set on a user, read strictly: unknown and read-only fields are refused,
 * and so is any value of the wrong JSON type. Every broken rule is reported, not just the first.
 *
 * @param email null when the user has none
 */
record UserInput(UserName name, Email email) {

  private static final Set<String> READ_ONLY = Set.of("id", "version", "createdAt", "updatedAt");
  private static final JsonFactory STRICT_JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Reads a create's JSON object body: {@code name} required, {@code email} optional. */
  static UserInput fromJson(JsonMapper json, String body) {
    List<Problem.FieldError> errors = new ArrayList<>();
    JsonNode node = object(json, body, errors);
    String name = text(node, "name", false, errors);
    String email = text(node, "email", true, errors);
    return validated(name, email, errors);
  }

  /**
   * Reads a PUT's body, which replaces the user: both fields must be there ({@code email} may be
   * null), so that a field left out is never silently cleared.
   */
  static UserInput replacementFromJson(JsonMapper json, String body) {
    List<Problem.FieldError> errors = new ArrayList<>();
    JsonNode node = object(json, body, errors);
    if (node.get("email") == null) {
      errors.add(new Problem.FieldError(
          "email", "is required: null removes the email; PATCH changes one field alone"));
    }
    String name = text(node, "name", false, errors);
    String email = text(node, "email", true, errors);
    return validated(name, email, errors);
  }

  /**
   * Reads a JSON merge patch (RFC 7396): a field left out stays; {@code "email": null} removes the
   * email; {@code "name": null} is refused, since a user must have a name.
   */
  static UserPatch patchFromJson(JsonMapper json, String body) {
    List<Problem.FieldError> errors = new ArrayList<>();
    JsonNode node = object(json, body, errors);
    Optional<UserName> name = Optional.empty();
    Optional<Optional<Email>> email = Optional.empty();
    JsonNode nameValue = node.get("name");
    if (nameValue != null) {
      if (nameValue.isNull()) {
        errors.add(new Problem.FieldError("name", "cannot be removed: a user must have a name"));
      } else if (!nameValue.isString()) {
        errors.add(new Problem.FieldError("name", "must be a string"));
      } else {
        try {
          name = Optional.of(UserName.of(nameValue.getStringValue()));
        } catch (InvalidValueException e) {
          errors.add(new Problem.FieldError(e.field(), e.reason()));
        }
      }
    }
    JsonNode emailValue = node.get("email");
    if (emailValue != null) {
      if (emailValue.isNull()) {
        email = Optional.of(Optional.empty());
      } else if (!emailValue.isString()) {
        errors.add(new Problem.FieldError("email", "must be a string or null"));
      } else {
        try {
          email = Optional.of(Optional.of(Email.of(emailValue.getStringValue())));
        } catch (InvalidValueException e) {
          errors.add(new Problem.FieldError(e.field(), e.reason()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new UserPatch(name, email);
  }

  /** The body as a JSON object, with its unknown and read-only fields reported. */
  private static JsonNode object(JsonMapper json, String body, List<Problem.FieldError> errors) {
    checkSyntax(body);
    JsonNode node;
    try {
      node = json.readValue(body, Argument.of(JsonNode.class));
    } catch (IOException | RuntimeException e) {
      throw notJson();
    }
    if (node == null || !node.isObject()) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "The request body must be a JSON object", null);
    }
    for (Map.Entry<String, JsonNode> field : node.entries()) {
      String key = field.getKey();
      if (READ_ONLY.contains(key)) {
        errors.add(new Problem.FieldError(key, "is read-only"));
      } else if (!key.equals("name") && !key.equals("email")) {
        errors.add(new Problem.FieldError(key, "is not a known field"));
      }
    }
    return node;
  }

  /**
   * Rejects what a lenient reader would let through: text after the value, and a field given twice,
   * where "the last one wins" would hide a client's bug.
   */
  private static void checkSyntax(String body) {
    try (JsonParser parser = STRICT_JSON.createParser(body)) {
      if (parser.nextToken() == null) {
        throw notJson();
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw notJson();
      }
    } catch (JsonParseException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
        String field = e.getMessage().replaceAll("(?s)^Duplicate field '([^']*)'.*$", "$1");
        throw ProblemException.invalid(field, "is given more than once");
      }
      throw notJson();
    } catch (IOException e) {
      throw notJson();
    }
  }

  private static ProblemException notJson() {
    return new ProblemException(
        ProblemType.INVALID_REQUEST, "The request body is not valid JSON", null);
  }

  /** Reads the query-string form of a create, {@code ?name=…&email=…}. */
  static UserInput fromQuery(String name, String email) {
    return validated(name, email, new ArrayList<>());
  }

  private static String text(
      JsonNode object, String field, boolean nullable, List<Problem.FieldError> errors) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      if (!nullable) {
        errors.add(new Problem.FieldError(field, "is required"));
      }
      return null;
    }
    if (!value.isString()) {
      errors.add(new Problem.FieldError(
          field, nullable ? "must be a string or null" : "must be a string"));
      return null;
    }
    return value.getStringValue();
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
