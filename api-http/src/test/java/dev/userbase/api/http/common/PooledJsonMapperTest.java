package dev.userbase.api.http.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import dev.userbase.api.http.MockedDomain;
import dev.userbase.api.http.MockedDomainHttpTest;
import dev.userbase.api.http.problem.Problem;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.SerdeRegistry;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The response writer with pooled Jackson buffers: it writes byte for byte what Micronaut's mapper
 * writes, threads that each write once share one set of buffers, and the server's JSON responses go
 * through it.
 */
@MicronautTest
@Property(name = MockedDomain.ENABLED, value = "true")
class PooledJsonMapperTest extends MockedDomainHttpTest {

  private static final Instant T = Instant.parse("2026-11-25T10:00:00.120Z");

  @Inject
  SerdeRegistry registry;

  @Inject
  SerdeConfiguration serde;

  @Inject
  SerdeJacksonConfiguration jackson;

  /** The shape of a resource (the resources' own types live in packages this one may not use). */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Person(long id, String name, @Nullable String email, String createdAt, long version) {}

  /** The shape of a page of them. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record People(List<Person> items, @Nullable String next) {}

  private static Person user(long id, String name, String email) {
    return new Person(id, name, email, T.toString(), 3);
  }

  private PooledJsonMapper pooled(JsonFactoryBuilder factory) {
    return new PooledJsonMapper(
        json, PooledJsonMapper.Writing.of(factory, registry, serde, jackson));
  }

  private static <T> String typed(JsonMapper mapper, Argument<T> type, T value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    mapper.createSpecific(type).writeValue(out, type, value);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String untyped(JsonMapper mapper, Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    mapper.writeValue(out, value);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void writesByteForByteWhatMicronautsMapperWrites() throws IOException {
    PooledJsonMapper pooled = pooled(JsonBuffers.factory());
    Map<String, Object> odd = new LinkedHashMap<>();
    odd.put("quote\"and\\slash", "tab\there, é, 𝄞, \u0001");
    odd.put("nothing", null);
    odd.put("numbers", List.of(1, -2.5, Long.MAX_VALUE));
    odd.put("long", "x".repeat(20_000));
    List<Object> values = List.of(
        user(1, "Alice", "alice@example.com"),
        user(2, "Ünïcödé Bob", null),
        new People(
            List.of(user(1, "Alice", null), user(2, "Bob", "b@example.com")), "/users?after=2"),
        new People(List.of(), null),
        new Problem(
            "about:blank",
            "Bad",
            400,
            "name: is required",
            null,
            List.of(new Problem.FieldError("name", "is required")),
            "r-1"),
        odd);
    for (Object value : values) {
      @SuppressWarnings("unchecked")
      Argument<Object> type = (Argument<Object>) Argument.of(value.getClass());
      String expected = typed(json, type, value);
      assertThat(typed(pooled, type, value)).as(expected).isEqualTo(expected);
      assertThat(untyped(pooled, value)).isEqualTo(untyped(json, value));
    }
    assertThat(typed(pooled, Argument.of(Person.class), user(1, "Alice", null)))
        .startsWith("{\"id\":1,\"name\":\"Alice\",\"email\":null,");
  }

  @Test
  void threadsThatEachWriteOnceShareOneSetOfBuffers() throws Exception {
    AtomicInteger made = new AtomicInteger();
    JsonRecyclerPools.ConcurrentDequePool counting = new JsonRecyclerPools.ConcurrentDequePool(1) {
      @Serial
      private static final long serialVersionUID = 1L;

      @Override
      public BufferRecycler createPooled() {
        made.incrementAndGet();
        return super.createPooled();
      }
    };
    PooledJsonMapper pooled = pooled(new JsonFactoryBuilder().recyclerPool(counting));
    Argument<Person> type = Argument.of(Person.class);
    JsonMapper specific = pooled.createSpecific(type);
    String[] written = new String[50];
    for (int i = 0; i < written.length; i++) {
      int at = i;
      Thread thread = new Thread(() -> {
        try {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          specific.writeValue(out, type, user(at + 1, "User" + at, null));
          written[at] = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      thread.start();
      thread.join();
    }
    assertThat(Arrays.stream(written)).allSatisfy(w -> assertThat(w).startsWith("{\"id\":"));
    assertThat(made).hasValue(1);
    assertThat(counting.pooledCount()).isEqualTo(1);
  }

  @Test
  void theServersJsonResponsesTakeTheirBuffersFromThePool() throws Exception {
    when(users.get(new UserId(7)))
        .thenReturn(User.restore(new UserId(7), UserName.of("Alice"), null, T, T, 1));
    long before = JsonBuffers.taken();

    HttpResponse<String> response = http.get("/users/7");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(body(response).get("name").getStringValue()).isEqualTo("Alice");
    assertThat(JsonBuffers.taken()).isGreaterThan(before);
  }
}
