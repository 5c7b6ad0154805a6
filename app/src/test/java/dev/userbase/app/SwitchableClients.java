package dev.userbase.app;

import dev.userbase.api.http.access.LocalClients;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The "is this client local?" check, which a test can turn to answer "no" for every client: the
 * same server then meets a caller from another host.
 */
@Singleton
@Replaces(LocalClients.class)
@Requires(property = SwitchableClients.PROPERTY, value = "true")
class SwitchableClients extends LocalClients {

  static final String PROPERTY = "userbase.test.switchable-clients";

  private volatile boolean remote;

  void actAsRemote(boolean remote) {
    this.remote = remote;
  }

  @Override
  public boolean isLocal(HttpRequest<?> request) {
    return !remote && super.isLocal(request);
  }
}
