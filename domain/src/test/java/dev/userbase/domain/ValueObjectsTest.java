package dev.userbase.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {

  @Test
  void userNameIsTrimmed() {
    assertThat(UserName.of("  Alice \t").value()).isEqualTo("Alice");
  }

  @Test
  void userNameAcceptsTwoHundredCharactersCountedAsCodePoints() {
    String emojis = "🙂".repeat(200);
    assertThat(UserName.of(emojis).value()).isEqualTo(emojis);
    assertThatThrownBy(() -> UserName.of("a".repeat(201)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("'name' must be at most 200 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t\n"})
  void userNameMustNotBeBlank(String blank) {
    assertThatThrownBy(() -> UserName.of(blank))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("'name' must not be blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Al\u0000ice", "Al\nice", "Al\u007fice", "Al\u0085ice"})
  void userNameMustNotHoldControlCharacters(String name) {
    assertThatThrownBy(() -> UserName.of(name))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("'name' must not contain control characters");
  }

  @Test
  void missingValuesAreNamedByField() {
    assertThatThrownBy(() -> UserName.of(null))
        .isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("name"))
        .satisfies(e -> assertThat(((InvalidValueException) e).reason()).isEqualTo("is required"));
    assertThatThrownBy(() -> Email.of(null)).hasMessage("'email' is required");
  }

  @Test
  void emailIsTrimmedAndLowerCased() {
    assertThat(Email.of("  Alice.Smith+Tag@Example.COM ").value())
        .isEqualTo("alice.smith+tag@example.com");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "@example.com",
        "alice@",
        "alice@example",
        "alice@@example.com",
        "al ice@example.com",
        "alice@exa mple.com",
        ".alice@example.com",
        "alice.@example.com",
        "al..ice@example.com",
        "alice@-example.com",
        "alice@example..com"
      })
  void emailMustBePlausible(String email) {
    assertThatThrownBy(() -> Email.of(email))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("'email' must be a valid email address");
  }

  @Test
  void emailIsAtMost254Characters() {
    String domain = "@"
        + "d".repeat(60)
        + "."
        + "e".repeat(60)
        + "."
        + "f".repeat(60)
        + "."
        + "g".repeat(60)
        + ".com";
    String local = "a".repeat(254 - domain.length());
    assertThat(Email.of(local + domain).value()).hasSize(254);
    assertThatThrownBy(() -> Email.of("a" + local + domain))
        .hasMessage("'email' must be at most 254 characters");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-1",
        "abc",
        "99999999999999999999",
        "9223372036854775808",
        "1.5",
        "",
        "01",
        "+1",
        " 1",
        "1 ",
        "\u0661",
        "\uFF11",
        "1e3",
        "0x1"
      })
  void userIdHasOneSpellingAsciiDigitsWithoutSignOrLeadingZero(String text) {
    assertThatThrownBy(() -> UserId.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "'id' must be a positive 64-bit integer in ASCII digits, without sign or leading zeros");
  }

  @Test
  void userIdParsesTheLargest64BitValue() {
    assertThat(UserId.parse("9223372036854775807").value()).isEqualTo(Long.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 501})
  void queryLimitRunsFromOneTo500(int limit) {
    assertThatThrownBy(() -> new UserQuery(Optional.empty(), Optional.empty(), limit))
        .hasMessage("'limit' must be between 1 and 500");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000", "\u0007bell", "tab\t", "del\u007f", "c1\u0085"})
  void aNamePrefixWithAControlCharacterIsRefused(String prefix) {
    assertThatThrownBy(
            () -> new UserQuery(Optional.empty(), Optional.empty(), Optional.of(prefix), 10))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("'name' must not contain control characters to search by");
    assertThat(UserQuery.namePrefixProblem("Zoë 🙂")).isEmpty();
  }

  @Test
  void queryStartsBeforeTheFirstUserWhenNoCursorIsGiven() {
    assertThat(new UserQuery(Optional.empty(), Optional.empty(), 500).afterId()).isZero();
    assertThat(new UserQuery(Optional.of(new UserId(7)), Optional.empty(), 1).afterId())
        .isEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u200B", "\u200B\u200B ", "\u00A0", "\u3164", "\u0301", "\uFEFF"})
  void aNameWithNoVisibleCharacterIsBlank(String invisible) {
    assertThatThrownBy(() -> UserName.of(invisible)).hasMessage("'name' must not be blank");
  }

  @Test
  void aNameThatIsNotValidUnicodeIsRefused() {
    assertThatThrownBy(() -> UserName.of("A\uD800B"))
        .hasMessage("'name' must be valid Unicode text (it holds an unpaired surrogate)");
    assertThatThrownBy(() -> UserName.of("A\uDC00"))
        .hasMessage("'name' must be valid Unicode text (it holds an unpaired surrogate)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Al\u202Eice", "Al\u202Aice", "\u2066Alice", "Alice\u200F", "A\u061Cb"})
  void aNameWithABidiControlIsRefused(String name) {
    assertThatThrownBy(() -> UserName.of(name))
        .hasMessage("'name' must not contain bidirectional control characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Al\u2028ice", "Al\u2029ice"})
  void aNameWithALineOrParagraphSeparatorIsRefused(String name) {
    assertThatThrownBy(() -> UserName.of(name))
        .hasMessage("'name' must not contain line or paragraph separators");
  }

  @ParameterizedTest
  @ValueSource(strings = {"A\uFFFF", "A\uFDD0", "A\uD83F\uDFFE"})
  void aNameWithANoncharacterIsRefused(String name) {
    assertThatThrownBy(() -> UserName.of(name))
        .hasMessage("'name' must not contain Unicode noncharacters");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Zo\u00EB",
        "Zoe\u0308",
        "\uD83D\uDC69\u200D\uD83D\uDCBB",
        "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
        "\u674E\u5C0F\u9F8D",
        "O'Brien-Smith",
        "\uFFFD"
      })
  void aNameKeepsEveryOtherCharacterExactlyAsSent(String name) {
    assertThat(UserName.of(name).value()).isEqualTo(name);
  }

  @Test
  void aStoredNameOrEmailIsRestoredAsStoredEvenIfTodaysRulesRefuseIt() {
    UserName name = UserName.restore("A\u202EB");
    Email email = Email.restore("Not An Email");

    assertThat(name.value()).isEqualTo("A\u202EB");
    assertThat(name.meetsCurrentRules()).isFalse();
    assertThat(email.value()).isEqualTo("Not An Email");
    assertThat(email.meetsCurrentRules()).isFalse();
    assertThat(UserName.restore("Alice").meetsCurrentRules()).isTrue();
    assertThat(Email.restore("a@example.com").meetsCurrentRules()).isTrue();
  }
}
