package dev.userbase.persistence.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.userbase.domain.ChangeEvent;
import dev.userbase.domain.ChangeType;
import dev.userbase.domain.Email;
import dev.userbase.domain.Group;
import dev.userbase.domain.GroupDescription;
import dev.userbase.domain.GroupId;
import dev.userbase.domain.GroupName;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserTransfer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * An event's resource as the {@code events} table keeps it: a small JSON object of the fields
 * that are not columns already (the id and the version are), times in epoch milliseconds. This is
 * the store's format, not the API's: the API renders the domain object it is read back into.
 */
final class EventCodec {

  private static final JsonFactory JSON = new JsonFactory();

  private EventCodec() {}

  static String user(User user) {
    return new ObjectText()
        .string("name", user.name().value())
        .string("email", user.email().map(Email::value).orElse(null))
        .number("createdAt", user.createdAt().toEpochMilli())
        .number("updatedAt", user.updatedAt().toEpochMilli())
        .end();
  }

  static String group(Group group) {
    return new ObjectText()
        .string("name", group.name().value())
        .string("description", group.description().map(GroupDescription::value).orElse(null))
        .number("createdAt", group.createdAt().toEpochMilli())
        .number("updatedAt", group.updatedAt().toEpochMilli())
        .end();
  }

  static String counts(UserTransfer.Counts counts) {
    return new ObjectText()
        .number("users", counts.users())
        .number("groups", counts.groups())
        .number("memberships", counts.members())
        .end();
  }

  /** The event a stored row holds. */
  static ChangeEvent event(
      long position, String kind, long changedAt, String resourceId, Long version, String payload) {
    ChangeType type = ChangeType.named(kind);
    Object resource = switch (type) {
      case USER_CREATED, USER_UPDATED -> {
        Map<String, Object> f = fields(payload);
        yield User.restore(
            new UserId(Long.parseLong(resourceId)),
            UserName.restore((String) f.get("name")),
            f.get("email") == null ? null : Email.restore((String) f.get("email")),
            Instant.ofEpochMilli((Long) f.get("createdAt")),
            Instant.ofEpochMilli((Long) f.get("updatedAt")),
            version);
      }
      case GROUP_CREATED, GROUP_UPDATED -> {
        Map<String, Object> f = fields(payload);
        yield Group.restore(
            new GroupId(Long.parseLong(resourceId)),
            GroupName.restore((String) f.get("name")),
            f.get("description") == null
                ? null
                : GroupDescription.restore((String) f.get("description")),
            Instant.ofEpochMilli((Long) f.get("createdAt")),
            Instant.ofEpochMilli((Long) f.get("updatedAt")),
            version);
      }
      case MEMBERSHIP_ADDED -> {
        int slash = resourceId.indexOf('/');
        yield new UserTransfer.Member(
            Long.parseLong(resourceId.substring(0, slash)),
            Long.parseLong(resourceId.substring(slash + 1)));
      }
      case IMPORT_COMPLETED -> {
        Map<String, Object> f = fields(payload);
        yield new UserTransfer.Counts(
            (Long) f.get("users"), (Long) f.get("groups"), (Long) f.get("memberships"));
      }
      case USER_DELETED, GROUP_DELETED, MEMBERSHIP_REMOVED -> null;
    };
    return new ChangeEvent(
        position, type, Instant.ofEpochMilli(changedAt), resourceId, version, resource);
  }

  /**
   * A flat object written into one builder, its strings quoted by Jackson's encoder: every write
   * makes one, and a generator's buffers and context cost several times the few fields it holds.
   */
  private static final class ObjectText {
    private final StringBuilder text = new StringBuilder(160).append('{');

    ObjectText string(String name, String value) {
      name(name);
      if (value == null) {
        text.append("null");
      } else {
        text.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, text);
        text.append('"');
      }
      return this;
    }

    ObjectText number(String name, long value) {
      name(name);
      text.append(value);
      return this;
    }

    /** Field names are this class's own constants, which need no quoting. */
    private void name(String name) {
      if (text.length() > 1) {
        text.append(',');
      }
      text.append('"').append(name).append("\":");
    }

    String end() {
      return text.append('}').toString();
    }
  }

  /** A flat object's fields: strings, longs and nulls. */
  private static Map<String, Object> fields(String payload) {
    Map<String, Object> fields = new HashMap<>();
    try (JsonParser json = JSON.createParser(payload)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalStateException("a stored event's resource is not a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        fields.put(
            name,
            switch (value) {
              case VALUE_NULL -> null;
              case VALUE_NUMBER_INT -> json.getLongValue();
              case VALUE_STRING -> json.getText();
              default ->
                throw new IllegalStateException("a stored event's field " + name + " is " + value);
            });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fields;
  }
}
