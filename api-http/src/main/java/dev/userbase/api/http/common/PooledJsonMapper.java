package dev.userbase.api.http.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonFeatures;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.JsonStreamConfig;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.LimitingStream;
import io.micronaut.serde.SerdeRegistry;
import io.micronaut.serde.Serializer;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.jackson.JacksonEncoder;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.Consumer;
import org.reactivestreams.Processor;

/**
 * Micronaut Serialization's mapper, writing with a Jackson factory whose buffers come from {@link
 * JsonBuffers}. Micronaut Serialization builds a factory of its own for each route's mapper, with
 * Jackson's per-thread buffers, and offers no setting for them; so the two writes a response body
 * goes through are done here, with the same serializers, limits and Jackson settings, and
 * everything else is left to Micronaut's mapper. Views ({@code @JsonView}) are not used by this
 * service; with them switched on, every call goes to Micronaut's mapper.
 */
final class PooledJsonMapper implements JsonMapper {

  /** What every mapper made from one Micronaut mapper shares. */
  record Writing(
      JsonFactory factory,
      Serializer.EncoderContext context,
      LimitingStream.RemainingLimits limits,
      SerdeJacksonConfiguration jackson) {

    static Writing of(
        JsonFactoryBuilder factory,
        SerdeRegistry registry,
        SerdeConfiguration serde,
        SerdeJacksonConfiguration jackson) {
      jackson.getFactoryFeatures().forEach(factory::configure);
      jackson.getWriteFeatures().forEach(factory::configure);
      jackson.getStreamFeatures().forEach(factory::configure);
      return new Writing(
          factory.build(),
          registry.newEncoderContext(null),
          LimitingStream.limitsFromConfiguration(serde),
          jackson);
    }
  }

  private final JsonMapper delegate;
  private final Writing writing;

  @Nullable
  private final Argument<?> type;

  @Nullable
  private final Serializer<?> serializer;

  PooledJsonMapper(JsonMapper delegate, Writing writing) {
    this(delegate, writing, null, null);
  }

  private PooledJsonMapper(
      JsonMapper delegate,
      Writing writing,
      @Nullable Argument<?> type,
      @Nullable Serializer<?> serializer) {
    this.delegate = delegate;
    this.writing = writing;
    this.type = type;
    this.serializer = serializer;
  }

  @Override
  public @NonNull JsonMapper createSpecific(@NonNull Argument<?> type) {
    JsonMapper specific = delegate.createSpecific(type);
    try {
      return new PooledJsonMapper(specific, writing, type, serializerFor(type));
    } catch (SerdeException e) {
      // No serializer for the type: Micronaut's mapper says so when a value is written.
      return new PooledJsonMapper(specific, writing);
    }
  }

  @Override
  public void writeValue(@NonNull OutputStream out, @Nullable Object value) throws IOException {
    if (value == null) {
      delegate.writeValue(out, null);
      return;
    }
    @SuppressWarnings("unchecked")
    Argument<Object> of = (Argument<Object>) Argument.of(value.getClass());
    writeValue(out, of, value);
  }

  @Override
  public <T> void writeValue(@NonNull OutputStream out, @NonNull Argument<T> of, T value)
      throws IOException {
    Serializer<? super T> chosen = serializerFor(of);
    try (JsonGenerator generator = writing.factory().createGenerator(out)) {
      writing.jackson().getGeneratorFeatures().forEach(generator::configure);
      if (writing.jackson().isPrettyPrint()) {
        generator.setPrettyPrinter(new DefaultPrettyPrinter());
      }
      chosen.serialize(
          JacksonEncoder.create(generator, writing.limits()), writing.context(), of, value);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> Serializer<? super T> serializerFor(Argument<T> of) throws SerdeException {
    if (serializer != null && of.equalsType(type)) {
      return (Serializer<? super T>) serializer;
    }
    Serializer.EncoderContext context = writing.context();
    return context.findSerializer(of).createSpecific(context, of);
  }

  @Override
  public <T> T readValueFromTree(@NonNull JsonNode tree, @NonNull Argument<T> of)
      throws IOException {
    return delegate.readValueFromTree(tree, of);
  }

  @Override
  public <T> T readValue(@NonNull InputStream in, @NonNull Argument<T> of) throws IOException {
    return delegate.readValue(in, of);
  }

  @Override
  public <T> T readValue(@NonNull byte[] bytes, @NonNull Argument<T> of) throws IOException {
    return delegate.readValue(bytes, of);
  }

  @Override
  public <T> T readValue(@NonNull ByteBuffer<?> buffer, @NonNull Argument<T> of)
      throws IOException {
    return delegate.readValue(buffer, of);
  }

  @Override
  public @NonNull JsonNode writeValueToTree(@Nullable Object value) throws IOException {
    return delegate.writeValueToTree(value);
  }

  @Override
  public <T> JsonNode writeValueToTree(@NonNull Argument<T> of, T value) throws IOException {
    return delegate.writeValueToTree(of, value);
  }

  @Override
  public byte[] writeValueAsBytes(@Nullable Object value) throws IOException {
    return delegate.writeValueAsBytes(value);
  }

  @Override
  public <T> byte[] writeValueAsBytes(@NonNull Argument<T> of, T value) throws IOException {
    return delegate.writeValueAsBytes(of, value);
  }

  @Override
  public void updateValueFromTree(Object value, @NonNull JsonNode tree) throws IOException {
    delegate.updateValueFromTree(value, tree);
  }

  @Override
  public @NonNull JsonMapper cloneWithViewClass(@NonNull Class<?> view) {
    return delegate.cloneWithViewClass(view);
  }

  @Override
  public @NonNull Processor<byte[], JsonNode> createReactiveParser(
      Consumer<Processor<byte[], JsonNode>> onSubscribe, boolean streamArray) {
    return delegate.createReactiveParser(onSubscribe, streamArray);
  }

  @Override
  public @NonNull Optional<JsonFeatures> detectFeatures(@NonNull AnnotationMetadata metadata) {
    return delegate.detectFeatures(metadata);
  }

  @Override
  public @NonNull JsonStreamConfig getStreamConfig() {
    return delegate.getStreamConfig();
  }
}
