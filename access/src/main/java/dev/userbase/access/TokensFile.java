package dev.userbase.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tokens file: one token per line as {@code NAME SCOPES SHA256}, where SCOPES is
 * comma-separated and SHA256 is the lowercase hex SHA-256 of the token's exact text. Lines that
 * start with {@code #} and blank lines are ignored. Tokens themselves are never stored.
 */
public final class TokensFile {

  /** What every token this service makes starts with, so that a leaked one is recognisable. */
  public static final String TOKEN_PREFIX = "ubt_";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FIELDS = Pattern.compile("[ \\t]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The setting that names the tokens file; {@code USERBASE_AUTH_TOKENS_FILE}. */
  public static final String SETTING = "userbase.auth.tokens-file";

  private TokensFile() {}

  /** One line of the file. */
  public record Entry(String name, Set<Scope> scopes, String sha256) {
    public Entry {
      scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }

    /** The line as written to the file. */
    public String line() {
      return name
          + " "
          + scopes.stream().map(Scope::text).collect(Collectors.joining(","))
          + " "
          + sha256;
    }
  }

  /** The tokens of one reading of the file, looked up by their hash. */
  public record Tokens(Map<String, Entry> byHash) {
    public Tokens {
      byHash = Map.copyOf(byHash);
    }

    public int size() {
      return byHash.size();
    }

    public java.util.Optional<Entry> find(String token) {
      return java.util.Optional.ofNullable(byHash.get(sha256(token)));
    }

    public boolean hasName(String name) {
      return byHash.values().stream().anyMatch(e -> e.name().equals(name));
    }
  }

  /** A file that cannot be used: the message names {@code file:line} and the reason. */
  public static final class MalformedException extends RuntimeException {
    public MalformedException(String message) {
      super(message);
    }
  }

  /** Reads and checks the whole file; any bad line rejects all of it. */
  public static Tokens read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new MalformedException("tokens file " + file + " does not exist");
    } catch (IOException e) {
      throw new MalformedException("tokens file " + file + " cannot be read: " + e.getMessage());
    }
    return parse(file.toString(), lines);
  }

  /** Checks the lines of a file named {@code source}. */
  public static Tokens parse(String source, List<String> lines) {
    Map<String, Entry> byHash = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + ":" + (i + 1) + ": ";
      Entry entry = entry(line, where);
      if (!names.add(entry.name())) {
        throw new MalformedException(where + "the name '" + entry.name() + "' is used twice");
      }
      if (byHash.putIfAbsent(entry.sha256(), entry) != null) {
        throw new MalformedException(where + "the same token is listed twice");
      }
    }
    return new Tokens(byHash);
  }

  private static Entry entry(String line, String where) {
    String[] fields = FIELDS.split(line);
    if (fields.length != 3) {
      throw new MalformedException(
          where + "expected 3 fields (NAME SCOPES SHA256), found " + fields.length);
    }
    if (!NAME.matcher(fields[0]).matches()) {
      throw new MalformedException(
          where + "a name is 1 to 64 letters, digits or ._@- and starts with a letter or digit");
    }
    Set<Scope> scopes = scopes(fields[1], where);
    // The hash is never echoed: a reader of the log should not learn even that.
    if (!SHA256.matcher(fields[2]).matches()) {
      throw new MalformedException(where + "the hash is not 64 lowercase hex digits");
    }
    return new Entry(fields[0], scopes, fields[2]);
  }

  /** Parses a comma-separated scope list, as in the file and on the command line. */
  public static Set<Scope> scopes(String list, String where) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String text : list.split(",", -1)) {
      Scope scope = Scope.parse(text)
          .orElseThrow(() -> new MalformedException(where
              + "unknown scope '"
              + text
              + "'; the scopes are "
              + java.util.Arrays.stream(Scope.values())
                  .map(Scope::text)
                  .collect(Collectors.joining(", "))));
      scopes.add(scope);
    }
    return scopes;
  }

  /** A new token: the prefix and 256 random bits, base64url. */
  public static String newToken() {
    byte[] bits = new byte[32];
    RANDOM.nextBytes(bits);
    return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
  }

  public static String sha256(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether a name may be written to the file. */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }
}
