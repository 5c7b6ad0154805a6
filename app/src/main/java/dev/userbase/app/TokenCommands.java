package dev.userbase.app;

import dev.userbase.access.Scope;
import dev.userbase.access.TokensFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code token create} and {@code token revoke}: edits the tokens file the server reads. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    subcommands = {TokenCommands.Create.class, TokenCommands.Revoke.class},
    description = {
      "Manages the tokens file (userbase.auth.tokens-file, USERBASE_AUTH_TOKENS_FILE). A running"
          + " server reads the change within seconds."
    })
final class TokenCommands implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** The --file option, else the configured file. */
  static final class FileOption {
    @Option(
        names = "--file",
        paramLabel = "FILE",
        description = "The tokens file; by default the configured userbase.auth.tokens-file.")
    Path file;

    Path resolve() {
      if (file != null) {
        return file.toAbsolutePath();
      }
      return Commands.configured(TokensFile.SETTING)
          .filter(value -> !value.isBlank())
          .map(value -> Path.of(value).toAbsolutePath())
          .orElseThrow(() -> new IllegalStateException("no tokens file is configured: set "
              + TokensFile.SETTING
              + " (USERBASE_AUTH_TOKENS_FILE), or pass --file"));
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Makes a new random token (256 bits, prefixed " + TokensFile.TOKEN_PREFIX + "), adds its"
            + " name, scopes and SHA-256 to the tokens file (made owner-only if new), and prints"
            + " the token once on stdout. Only its hash is kept."
      })
  static final class Create implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "Who holds the token; shown in the audit log.")
    String name;

    @Option(
        names = "--scopes",
        required = true,
        paramLabel = "SCOPES",
        description =
            "Comma-separated: users:read, users:write, groups:read, groups:write, events:read,"
                + " admin.")
    String scopes;

    @CommandLine.Mixin
    FileOption file = new FileOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (!TokensFile.isValidName(name)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "a name is 1 to 64 letters, digits or ._@- and starts with a letter or digit");
      }
      Set<Scope> granted;
      try {
        granted = TokensFile.scopes(scopes, "--scopes: ");
      } catch (TokensFile.MalformedException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      Path path = file.resolve();
      if (Files.exists(path) && TokensFile.read(path).hasName(name)) {
        throw new IllegalStateException("the name '" + name + "' is already in " + path);
      }
      String token = TokensFile.newToken();
      append(path, new TokensFile.Entry(name, granted, TokensFile.sha256(token)).line());
      spec.commandLine().getOut().println(token);
      spec.commandLine()
          .getErr()
          .printf(
              "Added %s (%s) to %s. The token above is shown only this once.%n",
              name, granted.stream().map(Scope::text).collect(Collectors.joining(",")), path);
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Removes the token named NAME from the tokens file.")
  static final class Revoke implements Callable<Integer> {

    @Parameters(paramLabel = "NAME")
    String name;

    @CommandLine.Mixin
    FileOption file = new FileOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Path path = file.resolve();
      if (!TokensFile.read(path).hasName(name)) {
        throw new IllegalStateException("no token named '" + name + "' in " + path);
      }
      List<String> kept = Files.readAllLines(path, StandardCharsets.UTF_8).stream()
          .filter(line -> !isEntryOf(line, name))
          .toList();
      // A new file renamed over the old: the server never reads half of it.
      Path next = Files.createTempFile(path.toAbsolutePath().getParent(), ".tokens", ".tmp");
      Files.write(next, kept, StandardCharsets.UTF_8);
      Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      spec.commandLine().getErr().printf("Revoked %s in %s.%n", name, path);
      return 0;
    }

    private static boolean isEntryOf(String line, String name) {
      String stripped = line.strip();
      return !stripped.startsWith("#") && stripped.split("[ \\t]+")[0].equals(name);
    }
  }

  private static void append(Path path, String line) {
    try {
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      try {
        Files.createFile(
            path,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        // Appending to the operator's own file keeps its permissions as they are.
      }
      byte[] existing = Files.readAllBytes(path);
      String text =
          (existing.length > 0 && existing[existing.length - 1] != '\n' ? "\n" : "") + line + "\n";
      Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the tokens file " + path + ": " + e, e);
    }
  }
}
