package dev.userbase.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensFileTest {

  private static final String HASH_A = TokensFile.sha256("token-a");
  private static final String HASH_B = TokensFile.sha256("token-b");

  @Test
  void readsNamesScopesAndHashesSkippingCommentsAndBlankLines() {
    TokensFile.Tokens tokens = TokensFile.parse(
        "tokens",
        List.of(
            "# who holds what",
            "",
            "  ",
            "billing users:read,users:write " + HASH_A,
            "ops\tadmin   " + HASH_B + "  "));
    assertThat(tokens.size()).isEqualTo(2);
    assertThat(tokens.find("token-a").orElseThrow().scopes())
        .isEqualTo(Set.of(Scope.USERS_READ, Scope.USERS_WRITE));
    assertThat(tokens.find("token-b").orElseThrow().name()).isEqualTo("ops");
    assertThat(tokens.find("token-c")).isEmpty();
    assertThat(tokens.find("token-a ")).as("the exact text, nothing trimmed").isEmpty();
  }

  @Test
  void theHashIsTheLowercaseHexSha256OfTheTokensExactText() {
    assertThat(TokensFile.sha256("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void eachMalformedLineIsNamedWithFileLineAndReason() {
    String[][] cases = {
      {"billing users:read", "expected 3 fields (NAME SCOPES SHA256), found 2"},
      {"billing users:read " + HASH_A + " extra", "expected 3 fields (NAME SCOPES SHA256), found 4"
      },
      {"billing users:read,users:delete " + HASH_A, "unknown scope 'users:delete'"},
      {"billing users:read, " + HASH_A, "unknown scope ''"},
      {"billing users:read,, " + HASH_A, "unknown scope ''"},
      {"billing users:read " + HASH_A.toUpperCase(), "the hash is not 64 lowercase hex digits"},
      {"billing users:read " + HASH_A.substring(1), "the hash is not 64 lowercase hex digits"},
      {"-billing users:read " + HASH_A, "a name is 1 to 64"},
      {"ops admin " + HASH_B, "the name 'ops' is used twice"},
      {"other admin " + HASH_A, "the same token is listed twice"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> TokensFile.parse(
              "/etc/userbase/tokens", List.of("# first", "ops admin " + HASH_A, c[0])))
          .as(c[0])
          .isInstanceOf(TokensFile.MalformedException.class)
          .hasMessageStartingWith("/etc/userbase/tokens:3: ")
          .hasMessageContaining(c[1]);
    }
  }

  @Test
  void aMalformedHashIsNeverEchoed() {
    String leaked = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeX";
    assertThatThrownBy(() -> TokensFile.parse("f", List.of("a admin " + leaked)))
        .hasMessageNotContaining(leaked);
  }

  @Test
  void newTokensCarryThePrefixAnd256RandomBits() {
    String one = TokensFile.newToken();
    assertThat(one).matches("ubt_[A-Za-z0-9_-]{43}");
    assertThat(TokensFile.newToken()).isNotEqualTo(one);
  }
}
