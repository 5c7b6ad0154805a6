package dev.userbase.api.http.server;

import dev.userbase.api.http.common.HttpSettings;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Gives Micronaut's Netty server what {@link HttpSettings} says, so that each limit is set in one
 * place:
 *
 * <ul>
 *   <li>the largest request is the import's ({@code import-max-size}): {@link RequestScreen} holds
 *       every other route to {@code max-body-size} by Content-Length, and a chunked body is cut
 *       off at {@code micronaut.server.max-request-buffer-size}, both with 413;
 *   <li>a connection with nothing read or written for {@code idle-timeout} is closed;
 *   <li>request decompression is off. With it on, a body that claims gzip but is not fails inside
 *       the pipeline, before any filter can answer, and the client gets a 500; and a small gzip
 *       body can inflate far past the size limit. {@link RequestScreen} refuses every content
 *       coding with 415 instead.
 * </ul>
 */
@Singleton
final class NettySettings implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

  private final HttpSettings settings;

  NettySettings(HttpSettings settings) {
    this.settings = settings;
  }

  @Override
  public NettyHttpServerConfiguration onCreated(
      BeanCreatedEvent<NettyHttpServerConfiguration> event) {
    NettyHttpServerConfiguration configuration = event.getBean();
    configuration.setMaxRequestSize(settings.importMaxSize());
    configuration.setIdleTimeout(settings.idleTimeout());
    configuration.setRequestDecompressionEnabled(false);
    return configuration;
  }
}
