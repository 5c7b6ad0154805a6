package dev.userbase.app;

import dev.userbase.api.http.access.AccessSettings;
import dev.userbase.api.http.common.HttpSettings;
import dev.userbase.api.http.events.EventSettings;
import dev.userbase.persistence.jdbc.FeedSettings;
import dev.userbase.persistence.jdbc.PooledSettings;
import dev.userbase.persistence.sqlite.BackupSettings;
import dev.userbase.persistence.sqlite.SqliteSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.core.convert.format.ReadableBytesTypeConverter;
import io.micronaut.core.value.PropertyResolver;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses, at start, a setting of a typed settings record whose value is not of its type, such as
 * {@code userbase.http.max-body-size=abc}: Micronaut's binding would quietly take the default
 * instead. The start then fails with one line that names the key, the value and what was wanted.
 * The records check their own ranges when they are made.
 */
@Context
final class SettingsCheck {

  /** Every typed settings record: one per area. */
  static final List<Class<?>> SETTINGS = List.of(
      HttpSettings.class,
      AccessSettings.class,
      type("dev.userbase.api.http.server.RateLimitSettings"),
      SqliteSettings.class,
      BackupSettings.class,
      PooledSettings.class,
      ShutdownSettings.class,
      HealthSettings.class,
      FeedSettings.class,
      EventSettings.class);

  /**
   * One setting of a typed record.
   *
   * @param defaultValue as the record gives it; empty when it has none
   * @param bytes whether the value is a size such as {@code 64KB}
   */
  record Setting(String key, Class<?> type, Optional<String> defaultValue, boolean bytes) {}

  SettingsCheck(PropertyResolver configuration, ConversionService conversion) {
    for (Setting setting : settings()) {
      Optional<String> value = configuration.getProperty(setting.key(), String.class);
      if (value.isPresent()
          && !value.get().isBlank()
          && !converts(setting, value.get(), conversion)) {
        throw new ConfigurationException(setting.key() + " is '" + value.get() + "', not "
            + wanted(setting) + "; nothing was started");
      }
    }
  }

  /** Every setting the typed records read, with its type and default. */
  static List<Setting> settings() {
    List<Setting> settings = new ArrayList<>();
    for (Class<?> record : SETTINGS) {
      String prefix = record.getAnnotation(ConfigurationProperties.class).value();
      RecordComponent[] components = record.getRecordComponents();
      // Micronaut binds a record through its constructor; that is where @Bindable sits.
      Parameter[] parameters = canonicalConstructor(record, components).getParameters();
      for (int i = 0; i < components.length; i++) {
        Bindable bindable = parameters[i].getAnnotation(Bindable.class);
        String value = bindable == null ? "" : bindable.defaultValue();
        settings.add(new Setting(
            prefix + "." + kebab(components[i].getName()),
            components[i].getType(),
            value.isEmpty() ? Optional.empty() : Optional.of(value),
            parameters[i].isAnnotationPresent(ReadableBytes.class)));
      }
    }
    return settings;
  }

  private static boolean converts(Setting setting, String value, ConversionService conversion) {
    if (setting.bytes()) {
      return new ReadableBytesTypeConverter()
          .convert(value, Number.class, ConversionContext.DEFAULT)
          .isPresent();
    }
    if (setting.type() == boolean.class || setting.type() == Boolean.class) {
      // The conversion takes "yes", "on" and "1" too; a typo such as "ture" it calls false.
      return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
    }
    return conversion.convert(value, boxed(setting.type())).isPresent();
  }

  private static String wanted(Setting setting) {
    if (setting.bytes()) {
      return "a size such as 64KB, 10MB or 1GB";
    }
    Class<?> type = boxed(setting.type());
    if (type == Duration.class) {
      return "a duration such as 500ms, 30s or 6h";
    }
    if (type == Boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      return "one of " + List.of(type.getEnumConstants());
    }
    return type == String.class ? "text" : "a whole number";
  }

  private static Class<?> boxed(Class<?> type) {
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    return type == boolean.class ? Boolean.class : type;
  }

  private static Constructor<?> canonicalConstructor(
      Class<?> record, RecordComponent[] components) {
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      return record.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(record + " has no canonical constructor", e);
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static Class<?> type(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(name + " is missing", e);
    }
  }
}
