package dev.userbase.transfer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.userbase.domain.Email;
import dev.userbase.domain.Group;
import dev.userbase.domain.GroupDescription;
import dev.userbase.domain.GroupId;
import dev.userbase.domain.GroupName;
import dev.userbase.domain.InvalidValueException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserTransfer;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Users, groups and memberships as lines of text. NDJSON: a user is one JSON object a line,
 * every field, as the API shows a user; a group is {@code {"group": {...}}} with every field the
 * API shows; a membership is {@code {"membership": {"groupId": 1, "userId": 2}}}. CSV has users
 * only, with a header line ({@code name,email}, or every field). Each line is checked by the
 * API's own rules. A line's values are an array indexed as its kind's fields (such as {@link
 * #FIELDS}): a string, a long, or null where absent or null.
 */
final class UserLines {

  static final List<String> FIELDS =
      List.of("id", "name", "email", "createdAt", "updatedAt", "version");
  private static final int ID = 0;
  private static final int NAME = 1;
  private static final int EMAIL = 2;
  private static final int CREATED_AT = 3;
  private static final int UPDATED_AT = 4;
  private static final int VERSION = 5;

  /** A group line's fields, inside its {@code "group"} object. */
  static final List<String> GROUP_FIELDS =
      List.of("id", "name", "description", "createdAt", "updatedAt", "version");

  private static final int DESCRIPTION = 2;

  /** A membership line's fields, inside its {@code "membership"} object. */
  static final List<String> MEMBER_FIELDS = List.of("groupId", "userId");

  private static final String GROUP = "group";
  private static final String MEMBERSHIP = "membership";

  private static final JsonFactory JSON = new JsonFactory();

  private UserLines() {}

  /** A line that breaks a rule: which field, and why. */
  static final class BadLine extends Exception {
    final String field;

    BadLine(String field, String reason) {
      super(reason, null, false, false);
      this.field = field;
    }
  }

  static JsonGenerator generator(OutputStream out) throws IOException {
    JsonGenerator generator = JSON.createGenerator(out);
    generator.setRootValueSeparator(null);
    return generator;
  }

  /** Writes one user as one NDJSON line; {@code time} is a scratch buffer of 24 chars. */
  static void write(User user, JsonGenerator json, char[] time) throws IOException {
    json.writeStartObject();
    json.writeNumberField("id", user.id().value());
    json.writeStringField("name", user.name().value());
    if (user.email().isPresent()) {
      json.writeStringField("email", user.email().get().value());
    } else {
      json.writeNullField("email");
    }
    json.writeFieldName("createdAt");
    writeTime(user.createdAt(), json, time);
    json.writeFieldName("updatedAt");
    writeTime(user.updatedAt(), json, time);
    json.writeNumberField("version", user.version());
    json.writeEndObject();
    json.writeRaw('\n');
  }

  /** Writes one group as one NDJSON line. */
  static void write(Group group, JsonGenerator json, char[] time) throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart(GROUP);
    json.writeNumberField("id", group.id().value());
    json.writeStringField("name", group.name().value());
    if (group.description().isPresent()) {
      json.writeStringField("description", group.description().get().value());
    } else {
      json.writeNullField("description");
    }
    json.writeFieldName("createdAt");
    writeTime(group.createdAt(), json, time);
    json.writeFieldName("updatedAt");
    writeTime(group.updatedAt(), json, time);
    json.writeNumberField("version", group.version());
    json.writeEndObject();
    json.writeEndObject();
    json.writeRaw('\n');
  }

  /** Writes one membership as one NDJSON line. */
  static void write(UserTransfer.Member member, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart(MEMBERSHIP);
    json.writeNumberField("groupId", member.group());
    json.writeNumberField("userId", member.user());
    json.writeEndObject();
    json.writeEndObject();
    json.writeRaw('\n');
  }

  private static void writeTime(Instant time, JsonGenerator json, char[] scratch)
      throws IOException {
    if (utcMillis(time.toEpochMilli(), scratch)) {
      json.writeString(scratch, 0, 24);
    } else {
      json.writeString(UserTimes.UTC_MILLIS.format(time));
    }
  }

  /**
   * Writes the time as the API shows it, 2026-11-29T10:00:00.123Z, into 24 chars, without the
   * general formatter (an export writes two a user); false outside years 0000 to 9999.
   */
  static boolean utcMillis(long epochMillis, char[] into) {
    long days = Math.floorDiv(epochMillis, 86_400_000L);
    int ofDay = (int) Math.floorMod(epochMillis, 86_400_000L);
    // Days to a civil date (Howard Hinnant's algorithm), in the proleptic Gregorian calendar.
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      return false;
    }
    digits(into, 0, (int) year, 4);
    into[4] = '-';
    digits(into, 5, month, 2);
    into[7] = '-';
    digits(into, 8, day, 2);
    into[10] = 'T';
    digits(into, 11, ofDay / 3_600_000, 2);
    into[13] = ':';
    digits(into, 14, ofDay / 60_000 % 60, 2);
    into[16] = ':';
    digits(into, 17, ofDay / 1000 % 60, 2);
    into[19] = '.';
    digits(into, 20, ofDay % 1000, 3);
    into[23] = 'Z';
    return true;
  }

  private static void digits(char[] into, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      into[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** Reads one NDJSON line: a {@link User}, a {@link Group} or a {@link UserTransfer.Member}. */
  static Object parseJson(String line, Instant now) throws BadLine {
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new BadLine("line", "is not a JSON object");
      }
      JsonToken first = parser.nextToken();
      String kind = first == JsonToken.FIELD_NAME ? parser.currentName() : null;
      Object row;
      if (GROUP.equals(kind) || MEMBERSHIP.equals(kind)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          throw new BadLine(kind, "must be a JSON object");
        }
        boolean group = kind.equals(GROUP);
        Object[] values =
            fields(parser, parser.nextToken(), group ? GROUP_FIELDS : MEMBER_FIELDS, kind + ".");
        if (parser.nextToken() != JsonToken.END_OBJECT) {
          throw new BadLine("line", "has a field beside " + kind + ", which must be alone");
        }
        row = group ? group(values, now) : member(values);
      } else {
        row = user(fields(parser, first, FIELDS, ""), now);
      }
      if (parser.nextToken() != null) {
        throw new BadLine("line", "has text after the JSON object");
      }
      return row;
    } catch (IOException e) {
      throw notJson();
    }
  }

  private static BadLine notJson() {
    return new BadLine("line", "is not valid JSON (truncated, or malformed)");
  }

  /**
   * An object's fields, from {@code token} (its first) to its end, each by its place in {@code
   * names}; a field is named in errors after {@code prefix}.
   */
  private static Object[] fields(
      JsonParser parser, JsonToken token, List<String> names, String prefix)
      throws IOException, BadLine {
    Object[] values = new Object[names.size()];
    int seen = 0;
    for (; token != JsonToken.END_OBJECT; token = parser.nextToken()) {
      if (token != JsonToken.FIELD_NAME) {
        throw notJson();
      }
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      int index = names == FIELDS ? index(field) : names.indexOf(field);
      if (index < 0) {
        throw new BadLine(
            prefix + field,
            "is not a known field"
                + (prefix.isEmpty() && (field.equals(GROUP) || field.equals(MEMBERSHIP))
                    ? " beside others: a " + field + " line has only the field " + field
                    : ""));
      }
      if ((seen & 1 << index) != 0) {
        throw new BadLine("line", "gives a field twice");
      }
      seen |= 1 << index;
      switch (value) {
        case VALUE_NULL -> values[index] = null;
        case VALUE_STRING -> values[index] = parser.getText();
        case VALUE_NUMBER_INT -> values[index] = parser.getLongValue();
        default -> throw new BadLine(prefix + field, "must be a string, an integer or null");
      }
    }
    return values;
  }

  private static int index(String field) {
    return switch (field) {
      case "id" -> ID;
      case "name" -> NAME;
      case "email" -> EMAIL;
      case "createdAt" -> CREATED_AT;
      case "updatedAt" -> UPDATED_AT;
      case "version" -> VERSION;
      default -> -1;
    };
  }

  /**
   * The header of a CSV file: {@code name,email} or every field, in any order; returns where each
   * column's value goes.
   */
  static int[] csvHeader(String line) throws BadLine {
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
    return columns.stream().mapToInt(UserLines::index).toArray();
  }

  /** One CSV record (RFC 4180, one line): an empty unquoted field is null. */
  static Object[] parseCsv(int[] header, String line) throws BadLine {
    List<String> fields = csvFields(line);
    if (fields.size() != header.length) {
      throw new BadLine(
          "line", "has " + fields.size() + " fields; the header has " + header.length);
    }
    Object[] values = new Object[FIELDS.size()];
    for (int i = 0; i < header.length; i++) {
      values[header[i]] = fields.get(i);
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
  static User user(Object[] values, Instant now) throws BadLine {
    UserId id = null;
    if (values[ID] != null) {
      long raw = number(values[ID], "id");
      if (raw < 1) {
        throw new BadLine("id", "must be a positive 64-bit integer");
      }
      id = new UserId(raw);
    }
    UserName name;
    Email email = null;
    try {
      name = UserName.of(text(values[NAME], "name"));
      if (values[EMAIL] != null) {
        email = Email.of(text(values[EMAIL], "email"));
      }
    } catch (InvalidValueException e) {
      throw new BadLine(e.field(), e.reason());
    }
    Instant createdAt = time(values[CREATED_AT], "createdAt", now);
    Instant updatedAt =
        time(values[UPDATED_AT], "updatedAt", createdAt.isAfter(now) ? createdAt : now);
    if (updatedAt.isBefore(createdAt)) {
      throw new BadLine("updatedAt", "is before createdAt");
    }
    long version = values[VERSION] == null ? 1 : number(values[VERSION], "version");
    if (version < 1) {
      throw new BadLine("version", "must be at least 1");
    }
    return User.imported(id, name, email, createdAt, updatedAt, version);
  }

  /** The group a group line's values describe, by the API's rules; times default to now. */
  static Group group(Object[] values, Instant now) throws BadLine {
    if (values[ID] == null) {
      throw new BadLine("group.id", "is required: memberships name a group by its id");
    }
    long id = number(values[ID], "group.id");
    if (id < 1) {
      throw new BadLine("group.id", "must be a positive 64-bit integer");
    }
    GroupName name;
    GroupDescription description = null;
    try {
      name = GroupName.of(text(values[NAME], "group.name"));
      if (values[DESCRIPTION] != null) {
        description = GroupDescription.of(text(values[DESCRIPTION], "group.description"));
      }
    } catch (InvalidValueException e) {
      throw new BadLine("group." + e.field(), e.reason());
    }
    Instant createdAt = time(values[CREATED_AT], "group.createdAt", now);
    Instant updatedAt =
        time(values[UPDATED_AT], "group.updatedAt", createdAt.isAfter(now) ? createdAt : now);
    if (updatedAt.isBefore(createdAt)) {
      throw new BadLine("group.updatedAt", "is before createdAt");
    }
    long version = values[VERSION] == null ? 1 : number(values[VERSION], "group.version");
    if (version < 1) {
      throw new BadLine("group.version", "must be at least 1");
    }
    return Group.restore(new GroupId(id), name, description, createdAt, updatedAt, version);
  }

  /** The membership a membership line's values describe. */
  static UserTransfer.Member member(Object[] values) throws BadLine {
    long group = required(values[0], "membership.groupId");
    long user = required(values[1], "membership.userId");
    return new UserTransfer.Member(group, user);
  }

  private static long required(Object value, String field) throws BadLine {
    if (value == null) {
      throw new BadLine(field, "is required");
    }
    long id = number(value, field);
    if (id < 1) {
      throw new BadLine(field, "must be a positive 64-bit integer");
    }
    return id;
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
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int milli = digits(text, 20, 3);
    if ((year | month | day | hour | minute | second | milli) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochMilli(
        epochDay * 86_400_000L + hour * 3_600_000L + minute * 60_000L + second * 1000L + milli);
  }

  /** The decimal digits at {@code from}, or -1 if any is not a digit. */
  private static int digits(String text, int from, int width) {
    int value = 0;
    for (int i = from; i < from + width; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
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
