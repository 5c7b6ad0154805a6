package dev.userbase.api.http.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.Serial;
import java.util.concurrent.atomic.LongAdder;

/**
 * Jackson's working buffers, one pool for every thread that reads or writes the service's JSON.
 *
 * <p>Jackson's default keeps one set of buffers (about 16 KB) per thread. On JDK 21 and later the
 * handlers run on virtual threads, a new one for each request, so every response written and every
 * body read allocated a fresh set: about 40% of what a GET allocated. Here a parser or generator
 * takes a set from a shared pool and gives it back when it is closed, on any thread. The pool only
 * grows to the number of sets in use at once, which is about the number of cores: a set is held
 * only while JSON is being read or written.
 */
public final class JsonBuffers {

  private static final Pool POOL = new Pool();

  private JsonBuffers() {}

  /** A factory builder whose parsers and generators take their buffers from the shared pool. */
  public static JsonFactoryBuilder factory() {
    return new JsonFactoryBuilder().recyclerPool(POOL);
  }

  /** A factory with Jackson's defaults and the shared pool. */
  public static JsonFactory defaultFactory() {
    return factory().build();
  }

  /** How many times a parser or generator has taken a set from the pool: for tests. */
  static long taken() {
    return POOL.taken.sum();
  }

  /** Jackson's concurrent pool, counting what it hands out. */
  private static final class Pool extends JsonRecyclerPools.ConcurrentDequePool {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient LongAdder taken = new LongAdder();

    Pool() {
      super(SERIALIZATION_NON_SHARED);
    }

    @Override
    public BufferRecycler acquirePooled() {
      taken.increment();
      return super.acquirePooled();
    }
  }
}
