package dev.userbase.app;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** Wraps every data source of a test context to note the threads that take JDBC connections. */
@Singleton
public class JdbcThreadRecorder implements BeanCreatedEventListener<DataSource>, Ordered {

  // Wrap the pool itself, before Micronaut Data wraps it in its contextual proxy, which it must
  // still be able to recognise and unwrap.
  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE;
  }

  private final Set<String> threads = ConcurrentHashMap.newKeySet();

  @Override
  public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
    DataSource target = event.getBean();
    return (DataSource) Proxy.newProxyInstance(
        DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            threads.add(Thread.currentThread().getName());
          }
          try {
            return method.invoke(target, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** Names of the threads that have taken a connection so far. */
  public Set<String> threads() {
    return Set.copyOf(threads);
  }
}
