package dev.userbase.app;

import dev.userbase.domain.UserRepository;
import dev.userbase.domain.UserService;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Clock;
import java.util.Set;

/** Wires the framework-free domain into beans. */
@Factory
class DomainFactory {

  static final Set<String> STORES = Set.of("sqlite", "postgres");

  // @Context: the store is opened when the server starts, so a bad location or an unreachable
  // server fails the start instead of the first request.
  @Context
  UserService userService(
      @Property(name = "userbase.store") String store, BeanProvider<UserRepository> users) {
    if (!STORES.contains(store)) {
      throw new ConfigurationException(
          "userbase.store (USERBASE_STORE) must be sqlite or postgres, not '" + store + "'");
    }
    return new UserService(users.get(), Clock.systemUTC());
  }
}
