package dev.userbase.persistence.jdbc;

import dev.userbase.domain.UserTransfer;
import io.micronaut.core.value.PropertyResolver;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * A store this build can use, as {@code userbase.store} names it. Each store module lists its own
 * in {@code META-INF/services}, so the server and the commands find the stores on the class path:
 * no list of stores is kept by hand, and a new store is a module and one dependency.
 */
public interface StoreModule {

  /** The setting that chooses the store; {@code USERBASE_STORE} in the environment. */
  String SETTING = "userbase.store";

  /** The store when none is chosen. */
  String DEFAULT = "sqlite";

  /** Its name in {@code userbase.store}. */
  String name();

  /**
   * What {@code backup} and {@code POST /admin/backup} answer when the store is backed up with
   * its own tools, naming them; empty when Userbase backs it up itself.
   */
  Optional<String> ownBackupTools();

  /**
   * Opens a bulk transfer for a command, with the store's own settings and machinery, beside a
   * running server or without one.
   */
  UserTransfer openTransfer(PropertyResolver configuration);

  /**
   * Opens a bulk transfer to read from, as {@link #openTransfer} does, but refuses a store that
   * does not exist yet: an export from a mistyped place must not make an empty store there and
   * report zero users.
   *
   * @throws IllegalStateException naming the place, when there is no store there
   */
  default UserTransfer openExisting(PropertyResolver configuration) {
    return openTransfer(configuration);
  }

  /**
   * Where this store keeps the users, as the start-up line names it: a file, or a server's
   * host:port/database (never a password).
   */
  String location(PropertyResolver configuration);

  /** Every store on the class path, by name. */
  static List<StoreModule> all() {
    return ServiceLoader.load(StoreModule.class, StoreModule.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(StoreModule::name))
        .toList();
  }

  /**
   * The store of that name.
   *
   * @throws IllegalArgumentException naming the setting and the stores there are
   */
  static StoreModule named(String name) {
    List<StoreModule> stores = all();
    return stores.stream()
        .filter(store -> store.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(SETTING
            + " (USERBASE_STORE) must be one of "
            + stores.stream().map(StoreModule::name).collect(Collectors.joining(", "))
            + ", not '"
            + name
            + "'"));
  }

  /** The store the configuration chooses. */
  static StoreModule configured(PropertyResolver configuration) {
    return named(configuration.getProperty(SETTING, String.class).orElse(DEFAULT));
  }
}
