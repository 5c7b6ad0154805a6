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
    assertThat(new UserName("  Alice \t").value()).isEqualTo("Alice");
  }

  @Test
  void userNameAcceptsTwoHundredCharactersCountedAsCodePoints() {
    String emojis = "🙂".repeat(200);
    assertThat(new UserName(emojis).value()).isEqualTo(emojis);
    assertThatThrownBy(() -> new UserName("a".repeat(201)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("'name' must be at most 200 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t\n"})
  void userNameMustNotBeBlank(String blank) {
    assertThatThrownBy(() -> new UserName(blank))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("'name' must not be blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Al\u0000ice", "Al\nice", "Al\u007fice", "Al\u0085ice"})
  void userNameMustNotHoldControlCharacters(String name) {
    assertThatThrownBy(() -> new UserName(name))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("'name' must not contain control characters");
  }

  @Test
  void missingValuesAreNamedByField() {
    assertThatThrownBy(() -> new UserName(null))
        .isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("name"))
        .satisfies(e -> assertThat(((InvalidValueException) e).reason()).isEqualTo("is required"));
    assertThatThrownBy(() -> new Email(null)).hasMessage("'email' is required");
  }

  @Test
  void emailIsTrimmedAndLowerCased() {
    assertThat(new Email("  Alice.Smith+Tag@Example.COM ").value())
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
    assertThatThrownBy(() -> new Email(email))
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
    assertThat(new Email(local + domain).value()).hasSize(254);
    assertThatThrownBy(() -> new Email("a" + local + domain))
        .hasMessage("'email' must be at most 254 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "abc", "99999999999999999999", "1.5", ""})
  void userIdMustBeAPositive64BitInteger(String text) {
    assertThatThrownBy(() -> UserId.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("'id' must be a positive 64-bit integer");
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

  @Test
  void queryStartsBeforeTheFirstUserWhenNoCursorIsGiven() {
    assertThat(new UserQuery(Optional.empty(), Optional.empty(), 500).afterId()).isZero();
    assertThat(new UserQuery(Optional.of(new UserId(7)), Optional.empty(), 1).afterId())
        .isEqualTo(7);
  }
}
