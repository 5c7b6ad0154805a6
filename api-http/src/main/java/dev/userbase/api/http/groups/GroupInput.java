package dev.userbase.api.http.groups;

import dev.userbase.api.http.common.JsonBody;
import dev.userbase.domain.GroupDescription;
import dev.userbase.domain.GroupName;
import dev.userbase.domain.GroupPatch;
import dev.userbase.domain.InvalidValueException;
import java.util.Optional;
import java.util.Set;

/**
 * The fields a client may set on a group, read strictly through {@link JsonBody}: unknown and
 * read-only fields are refused, so is a value of the wrong JSON type, and every broken rule is
 * reported at once.
 *
 * @param description null when the group has none
 */
record GroupInput(GroupName name, GroupDescription description) {

  /** The group's fields, as every body that writes one declares them. */
  static final JsonBody.Fields FIELDS = new JsonBody.Fields(
      Set.of("name", "description"), Set.of("id", "version", "createdAt", "updatedAt"));

  /** A create's body: {@code name} required, {@code description} optional. */
  static GroupInput fromJson(String text) {
    JsonBody body = JsonBody.parse(text, FIELDS);
    return validated(body, body.string("name", false), body.string("description", true));
  }

  /** A PUT's body, which replaces the group: both fields must be there (description may be null). */
  static GroupInput replacementFromJson(String text) {
    JsonBody body = JsonBody.parse(text, FIELDS);
    if (!body.has("description")) {
      body.reject(
          "description",
          "is required: null removes the description; PATCH changes one field alone");
    }
    return validated(body, body.string("name", false), body.string("description", true));
  }

  /** A JSON merge patch: a field left out stays; a null description removes it; a null name is refused. */
  static GroupPatch patchFromJson(String text) {
    JsonBody body = JsonBody.parse(text, FIELDS);
    Optional<GroupName> name = Optional.empty();
    Optional<Optional<GroupDescription>> description = Optional.empty();
    if (body.isNull("name")) {
      body.reject("name", "cannot be removed: a group must have a name");
    } else if (body.has("name")) {
      String value = body.string("name", false);
      if (value != null) {
        try {
          name = Optional.of(GroupName.of(value));
        } catch (InvalidValueException e) {
          body.reject(e.field(), e.reason());
        }
      }
    }
    if (body.isNull("description")) {
      description = Optional.of(Optional.empty());
    } else if (body.has("description")) {
      String value = body.string("description", true);
      if (value != null) {
        try {
          description = Optional.of(Optional.of(GroupDescription.of(value)));
        } catch (InvalidValueException e) {
          body.reject(e.field(), e.reason());
        }
      }
    }
    body.throwIfInvalid();
    return new GroupPatch(name, description);
  }

  private static GroupInput validated(JsonBody body, String rawName, String rawDescription) {
    GroupName name = null;
    GroupDescription description = null;
    if (!body.reported("name")) {
      try {
        name = GroupName.of(rawName);
      } catch (InvalidValueException e) {
        body.reject(e.field(), e.reason());
      }
    }
    if (!body.reported("description") && rawDescription != null) {
      try {
        description = GroupDescription.of(rawDescription);
      } catch (InvalidValueException e) {
        body.reject(e.field(), e.reason());
      }
    }
    body.throwIfInvalid();
    return new GroupInput(name, description);
  }
}
