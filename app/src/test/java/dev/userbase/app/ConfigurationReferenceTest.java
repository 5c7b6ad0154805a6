package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userbase.persistence.jdbc.StoreModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference in {@code docs/configuration.md} and the code say the same: every
 * setting a typed settings record reads has a row, with the default the record gives and the
 * environment variable Micronaut maps to it; and every {@code userbase.*} row is a setting the code
 * reads.
 */
class ConfigurationReferenceTest {

  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z0-9.\\-]+)`[^|]*\\| `([A-Z0-9_]+)` \\| ([^|]*) \\|.*$");

  private static Map<String, Row> documented;

  record Row(String variable, String defaultText) {}

  @BeforeAll
  static void readTheReference() throws IOException {
    documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("..", "docs", "configuration.md"))) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        documented.put(row.group(1), new Row(row.group(2), row.group(3).strip()));
      }
    }
  }

  @Test
  void everyTypedSettingHasARowWithItsDefaultAndVariable() {
    Map<String, Optional<String>> code = settingsInCode();
    assertThat(code).hasSizeGreaterThan(30);
    for (Map.Entry<String, Optional<String>> setting : code.entrySet()) {
      String key = setting.getKey();
      assertThat(documented).as("docs/configuration.md has a row for " + key).containsKey(key);
      Row row = documented.get(key);
      assertThat(row.variable()).as(key + "'s environment variable").isEqualTo(variable(key));
      setting
          .getValue()
          .ifPresent(value -> assertThat(row.defaultText())
              .as(key + "'s default, as the code gives it")
              .contains("`" + value + "`"));
    }
  }

  @Test
  void everyUserbaseRowIsASettingTheCodeReads() {
    Map<String, Optional<String>> code = settingsInCode();
    assertThat(documented.keySet().stream().filter(key -> key.startsWith("userbase.")))
        .isNotEmpty()
        .allSatisfy(key -> assertThat(code).as("the code reads " + key).containsKey(key));
  }

  /** Each setting's key and the default the code gives it, if any. */
  private static Map<String, Optional<String>> settingsInCode() {
    Map<String, Optional<String>> keys = new LinkedHashMap<>();
    for (SettingsCheck.Setting setting : SettingsCheck.settings()) {
      keys.put(setting.key(), setting.defaultValue());
    }
    // Read outside the typed records: which store, before anything is bound; logging, before the
    // configuration is read at all; and a switch on a bean.
    keys.put(StoreModule.SETTING, Optional.of(StoreModule.DEFAULT));
    keys.put(LogSetup.FORMAT_PROPERTY, Optional.of("text"));
    keys.put("userbase.audit-on-start", Optional.of("true"));
    return keys;
  }

  private static String variable(String key) {
    return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
