package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.value.MapPropertyResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A typed setting whose value is not of its type stops the start, naming the key. */
class SettingsCheckTest {

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheKeyTheValueAndWhatWasWanted() {
    assertThatThrownBy(() -> check(Map.of("userbase.http.max-body-size", "abc")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("userbase.http.max-body-size is 'abc', not a size such as 64KB, 10MB or 1GB;"
            + " nothing was started");
    assertThatThrownBy(() -> check(Map.of("userbase.sqlite.synchronous", "sometimes")))
        .hasMessageContaining("userbase.sqlite.synchronous is 'sometimes', not one of [FULL,");
    assertThatThrownBy(() -> check(Map.of("userbase.http.access-log", "ture")))
        .hasMessageContaining("userbase.http.access-log is 'ture', not true or false");
    assertThatThrownBy(() -> check(Map.of("datasources.default.maximum-pool-size", "ten")))
        .hasMessageContaining("datasources.default.maximum-pool-size is 'ten', not a whole number");
  }

  @Test
  void valuesOfTheRightTypeAndSettingsItDoesNotOwnPass() {
    check(Map.of(
        "userbase.http.max-body-size", "128KB",
        "userbase.sqlite.synchronous", "NORMAL",
        "userbase.http.access-log", "true",
        "userbase.rate-limit.requests-per-second", "100",
        "userbase.something-else", "anything"));
  }

  @Test
  void everyTypedRecordIsSeen() {
    assertThat(SettingsCheck.settings())
        .extracting(SettingsCheck.Setting::key)
        .contains(
            "userbase.http.max-body-size",
            "userbase.auth.tokens-file",
            "userbase.rate-limit.burst",
            "userbase.sqlite.path",
            "userbase.backup.keep",
            "datasources.default.url",
            "userbase.shutdown.grace-period");
  }

  private static void check(Map<String, Object> values) {
    new SettingsCheck(new MapPropertyResolver(values), ConversionService.SHARED);
  }
}
