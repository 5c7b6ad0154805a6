package dev.userbase.app;

import dev.userbase.persistence.jdbc.StoreModule;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line when the server is ready to serve: the version, where it listens, the store and where
 * its data is, and how long the start took (from the JVM's start).
 */
@Singleton
final class ReadyLine implements ApplicationEventListener<ServerStartupEvent> {

  static final String HOST = "micronaut.server.host";

  private static final Logger LOG = LoggerFactory.getLogger(ReadyLine.class);

  private final Environment environment;

  ReadyLine(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    LOG.info(line(event.getSource(), environment));
  }

  static String line(EmbeddedServer server, Environment environment) {
    StoreModule store = StoreModule.configured(environment);
    String where = environment
        .getProperty(HOST, String.class)
        .map(host -> "listening on " + host + " only")
        .orElse("listening on every interface; " + HOST + " narrows it");
    double seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    return String.format(
        Locale.ROOT,
        "Userbase %s ready at %s (%s), store %s at %s, started in %.2f s",
        new BuildInfo().describe(),
        server.getURL(),
        where,
        store.name(),
        store.location(environment),
        seconds);
  }
}
