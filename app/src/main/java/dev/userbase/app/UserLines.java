package dev.userbase.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.userbase.api.http.UserResponse;
import dev.userbase.domain.Email;
import dev.userbase.domain.InvalidValueException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Users as lines of text: NDJSON (one JSON object a line, every field, as the API shows a user)
 * and CSV with a header line ({@code name,email}, or every field). Each line is checked by the
 * API's own rules.
 */
final class UserLines {

  static final List<String> FIELDS =
      List.of("id", "name", "email", "createdAt", "updatedAt", "version");
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private UserLines() {}

  /** A line that breaks a rule: which field, and why. */
  static final class BadLine extends Exception {
    final String field;

    BadLine(String field, String reason) {
      super(reason);
      this.field = field;
    }
  }

  /** Writes one user as one NDJSON line. */
  static void write(User user, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeNumberField("id", user.id().value());
    json.writeStringField("name", user.name().value());
    if (user.email().isPresent()) {
      json.writeStringField("email", user.email().get().value());
    } else {
      json.writeNullField("email");
    }
    json.writeStringField("createdAt", UserResponse.UTC_MILLIS.format(user.createdAt()));
    json.writeStringField("updatedAt", UserResponse.UTC_MILLIS.format(user.updatedAt()));
    json.writeNumberField("version", user.version());
    json.writeEndObject();
    json.writeRaw('\n');
  }

  static JsonGenerator generator(Writer out) throws IOException {
    JsonGenerator generator = JSON.createGenerator(out);
    generator.setRootValueSeparator(null);
    return generator;
  }

  /** Reads one NDJSON line into field values (text, or null for JSON null). */
  static Map<String, Object> parseJson(String line) throws BadLine {
    Map<String, Object> values = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new BadLine("line", "is not a JSON object");
      }
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_OBJECT;
          token = parser.nextToken()) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!FIELDS.contains(field)) {
          throw new BadLine(field, "is not a known field");
        }
        switch (value) {
          case VALUE_NULL -> values.put(field, null);
          case VALUE_STRING -> values.put(field, parser.getText());
          case VALUE_NUMBER_INT -> values.put(field, parser.getLongValue());
          default -> throw new BadLine(field, "must be a string, an integer or null");
        }
      }
      if (parser.nextToken() != null) {
        throw new BadLine("line", "has text after the JSON object");
      }
      return values;
    } catch (BadLine e) {
      throw e;
    } catch (IOException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.startsWith("Duplicate field")) {
        throw new BadLine("line", "gives a field twice");
      }
      throw new BadLine("line", "is not valid JSON (truncated, or malformed)");
    }
  }

  /** The header of a CSV file: {@code name,email} or every field, in any order. */
  static List<String> csvHeader(String line) throws BadLine {
    List<String> columns = csvFields(line);
    Set<String> allowed = Set.copyOf(FIELDS);
    for (String column : columns) {
      if (!allowed.contains(column)) {
        throw new BadLine(
            "header",
            "has an unknown column '" + column + "'; the columns are " + String.join(",", FIELDS)
                + ", or just name,email");
      }
    }
    Set<String> given = Set.copyOf(columns);
    if (given.size() != columns.size()) {
      throw new BadLine("header", "names a column twice");
    }
    if (!given.equals(Set.of("name", "email")) && !given.equals(allowed)) {
      throw new BadLine("header", "must be name,email or all of " + String.join(",", FIELDS));
    }
    return columns;
  }

  /** One CSV record (RFC 4180, one line): an empty unquoted field is null. */
  static Map<String, Object> parseCsv(List<String> header, String line) throws BadLine {
    List<String> fields = csvFields(line);
    if (fields.size() != header.size()) {
      throw new BadLine(
          "line", "has " + fields.size() + " fields; the header has " + header.size());
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      values.put(header.get(i), fields.get(i));
    }
    return values;
  }

  private static List<String> csvFields(String line) throws BadLine {
    List<String> fields = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        StringBuilder value = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new BadLine("line", "has a quoted field that does not end");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              value.append('"');
              i++;
            } else {
              break;
            }
          } else {
            value.append(c);
          }
        }
        fields.add(value.toString());
        if (i < n && line.charAt(i) != ',') {
          throw new BadLine("line", "has text after a quoted field");
        }
      } else {
        int comma = line.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        String value = line.substring(i, end);
        if (value.indexOf('"') >= 0) {
          throw new BadLine("line", "has a quote inside an unquoted field");
        }
        fields.add(value.isEmpty() ? null : value);
        i = end;
      }
      if (i >= n) {
        return fields;
      }
      i++; // the comma
      if (i == n) {
        fields.add(null);
        return fields;
      }
    }
  }

  /** The user a line's values describe, by the API's rules; times default to now. */
  static User user(Map<String, Object> values, Instant now) throws BadLine {
    UserId id = null;
    if (values.get("id") != null) {
      long raw = number(values.get("id"), "id");
      if (raw < 1) {
        throw new BadLine("id", "must be a positive 64-bit integer");
      }
      id = new UserId(raw);
    }
    UserName name;
    Email email = null;
    try {
      name = UserName.of(text(values.get("name"), "name"));
      Object rawEmail = values.get("email");
      if (rawEmail != null) {
        email = Email.of(text(rawEmail, "email"));
      }
    } catch (InvalidValueException e) {
      throw new BadLine(e.field(), e.reason());
    }
    Instant createdAt = time(values.get("createdAt"), "createdAt", now);
    Instant updatedAt =
        time(values.get("updatedAt"), "updatedAt", createdAt.isAfter(now) ? createdAt : now);
    if (updatedAt.isBefore(createdAt)) {
      throw new BadLine("updatedAt", "is before createdAt");
    }
    long version = values.get("version") == null ? 1 : number(values.get("version"), "version");
    if (version < 1) {
      throw new BadLine("version", "must be at least 1");
    }
    return User.imported(id, name, email, createdAt, updatedAt, version);
  }

  /**
   * The form export writes, 2026-11-29T10:00:00.123Z, read without the general parser (a large
   * import reads two a line); null for any other form, which the general parser then reads.
   */
  private static Instant exportedTime(String text) {
    if (text.length() != 24
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(19) != '.'
        || text.charAt(23) != 'Z') {
      return null;
    }
    int[] at = {0, 5, 8, 11, 14, 17, 20};
    int[] width = {4, 2, 2, 2, 2, 2, 3};
    int[] value = new int[7];
    for (int i = 0; i < at.length; i++) {
      for (int j = at[i]; j < at[i] + width[i]; j++) {
        char c = text.charAt(j);
        if (c < '0' || c > '9') {
          return null;
        }
        value[i] = value[i] * 10 + (c - '0');
      }
    }
    try {
      return java.time.LocalDateTime.of(
              value[0], value[1], value[2], value[3], value[4], value[5], value[6] * 1_000_000)
          .toInstant(java.time.ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static String text(Object value, String field) throws BadLine {
    if (value == null) {
      throw new BadLine(field, "is required");
    }
    if (!(value instanceof String text)) {
      throw new BadLine(field, "must be a string");
    }
    return text;
  }

  private static long number(Object value, String field) throws BadLine {
    if (value instanceof Long number) {
      return number;
    }
    if (value instanceof String text && text.matches("[1-9][0-9]{0,18}")) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // too large: reported below
      }
    }
    throw new BadLine(field, "must be a positive 64-bit integer");
  }

  private static Instant time(Object value, String field, Instant otherwise) throws BadLine {
    if (value == null) {
      return otherwise;
    }
    if (!(value instanceof String text)) {
      throw new BadLine(field, "must be a time such as 2026-11-29T10:00:00.000Z");
    }
    Instant fast = exportedTime(text);
    if (fast != null) {
      return fast;
    }
    try {
      Instant time = Instant.parse(text);
      if (!time.truncatedTo(ChronoUnit.MILLIS).equals(time)) {
        throw new BadLine(field, "has more than millisecond precision, which a store cannot keep");
      }
      return time;
    } catch (DateTimeParseException e) {
      throw new BadLine(field, "must be a time such as 2026-11-29T10:00:00.000Z");
    }
  }
}
