package dev.userbase.app;

import dev.userbase.domain.GroupRepository;
import dev.userbase.domain.GroupService;
import dev.userbase.domain.UserRepository;
import dev.userbase.domain.UserService;
import dev.userbase.persistence.jdbc.StoreModule;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the framework-free domain into beans. */
@Factory
class DomainFactory {

  // @Context: the store is opened when the server starts, so a bad location or an unreachable
  // server fails the start instead of the first request.
  @Context
  UserService userService(
      @Property(name = StoreModule.SETTING, defaultValue = StoreModule.DEFAULT) String store,
      BeanProvider<UserRepository> users) {
    try {
      StoreModule.named(store);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
    return new UserService(users.get(), Clock.systemUTC());
  }

  @Singleton
  GroupService groupService(GroupRepository groups, UserRepository users) {
    return new GroupService(groups, users, Clock.systemUTC());
  }
}
