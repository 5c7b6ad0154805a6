package dev.userbase.api.http.common;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.body.NettyJsonHandler;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.SerdeRegistry;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import jakarta.inject.Singleton;

/**
 * Gives Micronaut's JSON body handler a mapper that writes with pooled buffers ({@link
 * PooledJsonMapper}): the handler is the one Micronaut made, with its media types and order, and
 * only its mapper is ours. With {@code @JsonView} support switched on it is left as it was.
 */
@Singleton
final class PooledJsonResponses implements BeanCreatedEventListener<NettyJsonHandler<?>> {

  private final BeanProvider<JsonMapper> mapper;
  private final BeanProvider<SerdeRegistry> registry;
  private final SerdeConfiguration serde;
  private final SerdeJacksonConfiguration jackson;

  PooledJsonResponses(
      BeanProvider<JsonMapper> mapper,
      BeanProvider<SerdeRegistry> registry,
      SerdeConfiguration serde,
      SerdeJacksonConfiguration jackson) {
    this.mapper = mapper;
    this.registry = registry;
    this.serde = serde;
    this.jackson = jackson;
  }

  @Override
  public NettyJsonHandler<?> onCreated(BeanCreatedEvent<NettyJsonHandler<?>> event) {
    if (serde.isJsonViewEnabled()) {
      return event.getBean();
    }
    PooledJsonMapper.Writing writing =
        PooledJsonMapper.Writing.of(JsonBuffers.factory(), registry.get(), serde, jackson);
    return new NettyJsonHandler<>(new PooledJsonMapper(mapper.get(), writing));
  }
}
