package dev.userbase.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Logback's set-up, in code: one console appender, text for people or JSON for log shippers, and
 * the levels below, for a set-up that never changes. It spares the start Logback's XML reader
 * (its archive is 2.4 MB smaller; the start itself measured the same), and an unknown format is
 * named rather than leaving Logback with no appender. A file named by {@code
 * -Dlogback.configurationFile} still replaces all of this, as Logback documents.
 *
 * <p>Logging starts before the application's configuration is read, so the format comes from
 * {@code -Duserbase.log.format} or {@code USERBASE_LOG_FORMAT} only.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

  static final String FORMAT_PROPERTY = "userbase.log.format";

  private static final String CONSOLE = "CONSOLE";

  static final String FORMAT_VARIABLE = "USERBASE_LOG_FORMAT";

  /** Every line written for a request carries its id; lines outside a request have none. */
  static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread]"
      + " %logger{36}%replace( [%X{requestId}]){' \\[\\]', ''} - %msg%n";

  /** Levels that differ from the root's INFO, each for the reason given. */
  static final Map<String, Level> LEVELS = Map.of(
      // Startup failures are reported in one line by Application; Micronaut's own report repeats
      // it with a stack trace.
      "io.micronaut.runtime.Micronaut", Level.OFF,
      "com.zaxxer.hikari", Level.WARN,
      // They warn of every broken or stale connection in an outage; each 503 that follows is
      // logged once with its cause, and readiness logs each change.
      "com.zaxxer.hikari.pool.ProxyConnection", Level.ERROR,
      "com.zaxxer.hikari.pool.PoolBase", Level.ERROR,
      "org.flywaydb", Level.WARN,
      // Its DEBUG lines print Authorization headers and tokens: kept at INFO even when the root
      // logger is turned down to DEBUG.
      "io.micronaut.security", Level.INFO,
      // At DEBUG it prints every event it publishes, and micronaut-security's
      // TokenValidatedEvent holds the token itself.
      "io.micronaut.context.event.ApplicationEventPublisher", Level.INFO,
      // One line per write attempt: who, what, which user, and the outcome.
      "userbase.audit", Level.INFO);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    String format = format(System.getProperty(FORMAT_PROPERTY), System.getenv(FORMAT_VARIABLE));
    if (!format.equals("text") && !format.equals("json")) {
      // Logging is what would report it, so it goes to stderr, once, and text is used.
      System.err.println("Userbase: unknown log format '" + format + "' (from -D" + FORMAT_PROPERTY
          + " or " + FORMAT_VARIABLE + "); use text or json. Writing text.");
      format = "text";
    }
    apply(context, format);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets up {@code context} for {@code format}, "text" or "json". */
  static void apply(LoggerContext context, String format) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName(CONSOLE);
    console.setEncoder(format.equals("json") ? json(context) : text(context));
    console.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
  }

  /**
   * Moves the console's lines to stderr, for a command: its stdout may be data ({@code export |
   * import}). Logging is set up before {@code main} runs, so the appender is moved, not made.
   */
  static void toStderr() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
        && context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(CONSOLE)
            instanceof ConsoleAppender<ILoggingEvent> console) {
      console.stop();
      console.setTarget("System.err");
      console.start();
    }
  }

  /** The system property wins over the environment; neither set means text. */
  static String format(String property, String variable) {
    String chosen = property != null ? property : variable;
    return chosen == null || chosen.isBlank() ? "text" : chosen.strip().toLowerCase(Locale.ROOT);
  }

  private static PatternLayoutEncoder text(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(TEXT_PATTERN);
    encoder.start();
    return encoder;
  }

  /** One JSON object a line, from Logback's own encoder; the request id is in "mdc". */
  private static JsonEncoder json(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithArguments(false);
    encoder.setWithMessage(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}
