package dev.userbase.api.http.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.DupDetector;
import dev.userbase.api.http.problem.Problem;
import dev.userbase.api.http.problem.ProblemException;
import dev.userbase.api.http.problem.ProblemType;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request body read strictly as one JSON object, in one pass, for every resource: text after the
 * value, a field given twice at any depth (where "the last one wins" would hide a client's bug),
 * and a field the resource does not take are refused. Each top-level field's value is kept as
 * text, null, or the JSON type it has, so that the resource says what it expected.
 *
 * <p>Duplicates are found by Jackson's own {@link DupDetector}, one per object as the pass walks
 * it; the name it reports is the field's, never read back from an error message.
 */
public final class JsonBody {

  private static final JsonFactory JSON = JsonBuffers.defaultFactory();

  /**
   * The fields of one resource's bodies, declared once: those a client may send, and those it may
   * only read (refused as read-only rather than as unknown).
   */
  public record Fields(Set<String> writable, Set<String> readOnly) {}

  private final Map<String, Object> values;
  private final List<Problem.FieldError> errors = new ArrayList<>();

  private JsonBody(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * The body as text, or null when the request has none: strict UTF-8, so a malformed byte is a
   * 400, never a silent U+FFFD.
   */
  public static String text(byte[] body) {
    if (body == null) {
      return null;
    }
    String text = Utf8.decodeStrictly(body);
    if (text == null) {
      throw ProblemException.invalid("body", "must be valid UTF-8");
    }
    return text;
  }

  /** The body as text; 400 when there is none. */
  public static String required(byte[] body) {
    String text = text(body);
    if (text == null || text.isBlank()) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "The request body is required", null);
    }
    return text;
  }

  /**
   * Reads a body that must be one JSON object. Its unknown and read-only fields are recorded in
   * {@link #errors()}; a syntax error, a repeated field or a value that is not an object is
   * thrown at once.
   */
  public static JsonBody parse(String text, Fields fields) {
    Map<String, Object> values = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw notJson();
      }
      if (first == JsonToken.START_OBJECT) {
        readObject(parser, values);
      } else {
        skipValue(parser, first);
      }
      if (parser.nextToken() != null) {
        throw notJson();
      }
      if (first != JsonToken.START_OBJECT) {
        throw new ProblemException(
            ProblemType.INVALID_REQUEST, "The request body must be a JSON object", null);
      }
    } catch (IOException e) {
      throw notJson();
    }
    JsonBody body = new JsonBody(values);
    for (String key : values.keySet()) {
      if (fields.readOnly().contains(key)) {
        body.reject(key, "is read-only");
      } else if (!fields.writable().contains(key)) {
        body.reject(key, "is not a known field");
      }
    }
    return body;
  }

  /** Whether the body has this field, null or not. */
  public boolean has(String field) {
    return values.containsKey(field);
  }

  /** Whether the body has this field with the value null. */
  public boolean isNull(String field) {
    return has(field) && values.get(field) == null;
  }

  /** Whether the field holds a string. */
  public boolean isString(String field) {
    return values.get(field) instanceof String;
  }

  /**
   * The field's string, or null when it is absent or null; a missing required field or a value of
   * another JSON type is recorded as an error.
   */
  public String string(String field, boolean nullable) {
    Object value = values.get(field);
    if (value == null) {
      if (!nullable) {
        reject(field, "is required");
      }
      return null;
    }
    if (!(value instanceof String text)) {
      reject(field, nullable ? "must be a string or null" : "must be a string");
      return null;
    }
    return text;
  }

  /** Records a broken rule; {@link #throwIfInvalid()} reports them all at once. */
  public void reject(String field, String reason) {
    errors.add(new Problem.FieldError(field, reason));
  }

  /** The rules broken so far, in the order found; a resource may add its own. */
  public List<Problem.FieldError> errors() {
    return errors;
  }

  /** Whether a rule about this field was broken already, so that it is reported once. */
  public boolean reported(String field) {
    return errors.stream().anyMatch(e -> e.field().equals(field));
  }

  /** A 400 naming every broken rule, when there is one. */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  /** The top-level object: each field's string or null, or the token of any other value. */
  private static void readObject(JsonParser parser, Map<String, Object> values) throws IOException {
    DupDetector names = DupDetector.rootDetector(parser);
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_OBJECT;
        token = parser.nextToken()) {
      String name = fieldName(parser, token, names);
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_STRING) {
        values.put(name, parser.getText());
      } else if (value == JsonToken.VALUE_NULL) {
        values.put(name, null);
      } else {
        values.put(name, value);
        skipValue(parser, value);
      }
    }
  }

  /** Walks past a value, checking every object inside it for a repeated field. */
  private static void skipValue(JsonParser parser, JsonToken first) throws IOException {
    if (!first.isStructStart()) {
      return;
    }
    Deque<DupDetector> open = new ArrayDeque<>();
    open.push(first == JsonToken.START_OBJECT ? DupDetector.rootDetector(parser) : NO_NAMES);
    while (!open.isEmpty()) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw notJson();
      }
      if (token == JsonToken.FIELD_NAME) {
        fieldName(parser, token, open.peek());
      } else if (token == JsonToken.START_OBJECT) {
        open.push(DupDetector.rootDetector(parser));
      } else if (token == JsonToken.START_ARRAY) {
        open.push(NO_NAMES);
      } else if (token.isStructEnd()) {
        open.pop();
      }
    }
  }

  /** Stands for an array on the walk's stack: arrays have no names to repeat. */
  private static final DupDetector NO_NAMES = DupDetector.rootDetector((JsonParser) null);

  private static String fieldName(JsonParser parser, JsonToken token, DupDetector names)
      throws IOException {
    if (token != JsonToken.FIELD_NAME) {
      throw notJson();
    }
    String name = parser.currentName();
    if (names.isDup(name)) {
      throw ProblemException.invalid(name, "is given more than once");
    }
    return name;
  }

  private static ProblemException notJson() {
    return new ProblemException(
        ProblemType.INVALID_REQUEST, "The request body is not valid JSON", null);
  }
}
