package dev.userbase.app;

import dev.userbase.domain.UserRepository;
import dev.userbase.domain.UserService;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.time.Clock;

/** Wires the framework-free domain into beans. */
@Factory
class DomainFactory {

  // @Context: the store is opened when the server starts, so a bad location fails the start
  // instead of the first request.
  @Context
  UserService userService(UserRepository users) {
    return new UserService(users, Clock.systemUTC());
  }
}
