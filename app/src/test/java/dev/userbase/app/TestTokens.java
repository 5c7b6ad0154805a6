package dev.userbase.app;

import dev.userbase.access.Scope;
import dev.userbase.access.TokensFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A tokens file a test writes, edits and reads its tokens from, as an operator would. */
final class TestTokens {

  private final Path file;
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final Map<String, Set<Scope>> scopes = new LinkedHashMap<>();

  TestTokens() {
    try {
      Path folder = Files.createTempDirectory("userbase-tokens");
      folder.toFile().deleteOnExit();
      this.file = folder.resolve("tokens");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a token to the list (written by {@link #write} or {@link #appendInPlace}). */
  TestTokens with(String name, Scope... granted) {
    tokens.put(name, TokensFile.newToken());
    scopes.put(name, Set.of(granted));
    return this;
  }

  /** A store's settings with these tokens on: a new map, {@code store} left as it was. */
  java.util.Map<String, String> over(java.util.Map<String, String> store) {
    java.util.Map<String, String> settings = new java.util.HashMap<>(store);
    settings.put("userbase.auth.tokens-file", file().toString());
    return settings;
  }

  String token(String name) {
    return tokens.get(name);
  }

  Path file() {
    return file;
  }

  /** Writes the file anew with every listed token except those named, renamed into place. */
  TestTokens write(String... without) {
    List<String> lines = new ArrayList<>(List.of("# tokens for a test", ""));
    Set<String> skip = Set.of(without);
    tokens.forEach((name, token) -> {
      if (!skip.contains(name)) {
        lines.add(new TokensFile.Entry(name, scopes.get(name), TokensFile.sha256(token)).line());
      }
    });
    try {
      Path next = file.resolveSibling("tokens.next");
      Files.write(next, lines, StandardCharsets.UTF_8);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Rewrites the file's bytes in place, as an editor saving over it does. */
  void writeInPlace(String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String line(String name) {
    return new TokensFile.Entry(name, scopes.get(name), TokensFile.sha256(tokens.get(name))).line();
  }

  String bearer(String name) {
    return "Bearer " + token(name);
  }
}
