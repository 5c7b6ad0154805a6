package dev.userbase.api.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Turns off Netty's request decompression. With it on, a body that claims gzip but is not fails
 * inside the pipeline, before any filter can answer, and the client gets a 500; and a small gzip
 * body can inflate far past the request size limit. {@link RequestScreen} refuses every content
 * coding with 415 instead.
 */
@Singleton
final class PlainBodiesOnly implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

  @Override
  public NettyHttpServerConfiguration onCreated(
      BeanCreatedEvent<NettyHttpServerConfiguration> event) {
    NettyHttpServerConfiguration configuration = event.getBean();
    configuration.setRequestDecompressionEnabled(false);
    return configuration;
  }
}
