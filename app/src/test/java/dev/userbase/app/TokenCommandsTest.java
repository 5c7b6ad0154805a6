package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.access.Scope;
import dev.userbase.access.TokensFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code token create} and {@code token revoke}, run as main() runs them, on a real file. */
class TokenCommandsTest {

  @TempDir
  Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void clearConfiguration() {
    System.clearProperty("userbase.auth.tokens-file");
  }

  private int run(String... args) {
    return Commands.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void createPrintsATokenOnceAndAppendsOnlyItsHashToANewOwnerOnlyFile() throws Exception {
    Path file = folder.resolve("secrets/tokens");
    System.setProperty("userbase.auth.tokens-file", file.toString());

    assertThat(run("token", "create", "billing", "--scopes", "users:read,users:write"))
        .isZero();
    String token = out.toString().strip();
    assertThat(token).startsWith(TokensFile.TOKEN_PREFIX).hasSize(4 + 43).doesNotContain("\n");
    assertThat(err.toString()).contains("billing").contains("shown only this once");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readAllLines(file))
        .containsExactly("billing users:read,users:write " + TokensFile.sha256(token));
    assertThat(Files.readString(file)).doesNotContain(token);

    out.getBuffer().setLength(0);
    assertThat(run("token", "create", "ops", "--scopes", "admin")).isZero();
    String second = out.toString().strip();
    assertThat(second).isNotEqualTo(token);
    TokensFile.Tokens read = TokensFile.read(file);
    assertThat(read.find(token).orElseThrow().scopes())
        .isEqualTo(Set.of(Scope.USERS_READ, Scope.USERS_WRITE));
    assertThat(read.find(second).orElseThrow().name()).isEqualTo("ops");
  }

  @Test
  void usageErrorsExit2AndNothingIsWritten() throws Exception {
    Path file = folder.resolve("tokens");
    String[][] wrong = {
      {"token", "create", "x", "--scopes", "users:delete"},
      {"token", "create", "x"},
      {"token", "create", "x", "--scopes", "admin", "--frobnicate"},
      {"token", "create", "bad name!", "--scopes", "admin"},
      {"token", "mint", "x"},
      {"token"}
    };
    for (String[] args : wrong) {
      err.getBuffer().setLength(0);
      assertThat(run(prepend(args, file))).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err.toString()).as(String.join(" ", args)).contains("Usage:");
    }
    assertThat(out.toString()).isEmpty();
    assertThat(file).doesNotExist();
  }

  @Test
  void aNameAlreadyInTheFileOrNoConfiguredFileFailsWithAReason() throws Exception {
    Path file = folder.resolve("tokens");
    assertThat(run("token", "create", "ops", "--scopes", "admin", "--file", file.toString()))
        .isZero();
    assertThat(run("token", "create", "ops", "--scopes", "admin", "--file", file.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("the name 'ops' is already in " + file);
    assertThat(Files.readAllLines(file)).hasSize(1);

    assertThat(run("token", "create", "x", "--scopes", "admin")).isEqualTo(1);
    assertThat(err.toString()).contains("no tokens file is configured");
  }

  @Test
  void revokeRemovesTheNamedLineAndKeepsTheRest() throws Exception {
    Path file = folder.resolve("tokens");
    Files.writeString(file, "# ours\n");
    for (String name : new String[] {"a", "b", "c"}) {
      assertThat(run("token", "create", name, "--scopes", "users:read", "--file", file.toString()))
          .isZero();
    }
    assertThat(run("token", "revoke", "b", "--file", file.toString())).isZero();
    assertThat(Files.readAllLines(file)).hasSize(3).first().isEqualTo("# ours");
    assertThat(TokensFile.read(file).hasName("b")).isFalse();
    assertThat(TokensFile.read(file).hasName("c")).isTrue();
    assertThat(run("token", "revoke", "b", "--file", file.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("no token named 'b'");
  }

  private static String[] prepend(String[] args, Path file) {
    if (args.length < 3 || !args[1].equals("create")) {
      return args;
    }
    String[] withFile = new String[args.length + 2];
    System.arraycopy(args, 0, withFile, 0, args.length);
    withFile[args.length] = "--file";
    withFile[args.length + 1] = file.toString();
    return withFile;
  }
}
