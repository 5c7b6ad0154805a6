package dev.userbase.app;

import dev.userbase.domain.StoreHealth;
import dev.userbase.domain.UserRepository;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps the store's ports in a test context to note the threads that call them. Every such call
 * may block (a query, or a wait for the group-commit writer), so none may come from a Netty
 * event-loop thread; unlike a JDBC-level check, this also sees a caller that only waits.
 */
@Singleton
public class StoreCallRecorder {

  private final Set<String> threads = ConcurrentHashMap.newKeySet();

  /** Names of the threads that have called the store so far. */
  public Set<String> threads() {
    return Set.copyOf(threads);
  }

  @SuppressWarnings("unchecked")
  <T> T record(Class<T> port, T target) {
    return (T) Proxy.newProxyInstance(
        port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
          threads.add(Thread.currentThread().getName());
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Singleton
  static final class Users implements BeanCreatedEventListener<UserRepository> {
    private final StoreCallRecorder recorder;

    Users(StoreCallRecorder recorder) {
      this.recorder = recorder;
    }

    @Override
    public UserRepository onCreated(BeanCreatedEvent<UserRepository> event) {
      return recorder.record(UserRepository.class, event.getBean());
    }
  }

  @Singleton
  static final class Health implements BeanCreatedEventListener<StoreHealth> {
    private final StoreCallRecorder recorder;

    Health(StoreCallRecorder recorder) {
      this.recorder = recorder;
    }

    @Override
    public StoreHealth onCreated(BeanCreatedEvent<StoreHealth> event) {
      return recorder.record(StoreHealth.class, event.getBean());
    }
  }
}
