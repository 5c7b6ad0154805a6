package dev.userbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSetupTest {

  @Test
  void textLinesCarryTheRequestIdOnlyWhenThereIsOne() {
    LoggerContext context = new LoggerContext();
    LogSetup.apply(context, "text");

    String inRequest = encode(context, Map.of("requestId", "req-7"));
    String outside = encode(context, Map.of());

    assertThat(inRequest)
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[main\\]"
            + " dev\\.userbase\\.app\\.LogSetupTest \\[req-7\\] - created user 42\\R");
    assertThat(outside).endsWith(" INFO  [main] dev.userbase.app.LogSetupTest - created user 42\n");
  }

  @Test
  void jsonLinesAreOneObjectWithTheFormattedMessageAndTheRequestId() {
    LoggerContext context = new LoggerContext();
    LogSetup.apply(context, "json");

    String line = encode(context, Map.of("requestId", "req-8"));

    assertThat(line).startsWith("{").endsWith("}\n").doesNotContain("\n{");
    assertThat(line)
        .contains("\"level\":\"INFO\"")
        .contains("\"formattedMessage\":\"created user 42\"")
        .contains("\"mdc\": {\"requestId\":\"req-8\"}")
        .doesNotContain("\"message\":");
  }

  @Test
  void setsTheRootAndTheQuietenedLoggersLevels() {
    LoggerContext context = new LoggerContext();
    LogSetup.apply(context, "text");

    assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("io.micronaut.runtime.Micronaut").getLevel()).isEqualTo(Level.OFF);
    assertThat(context.getLogger("io.micronaut.security").getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("com.zaxxer.hikari.pool.PoolBase").getLevel())
        .isEqualTo(Level.ERROR);
    assertThat(context.getLogger("org.flywaydb.core").getEffectiveLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void theSystemPropertyWinsOverTheEnvironmentAndNeitherMeansText() {
    assertThat(LogSetup.format("json", "text")).isEqualTo("json");
    assertThat(LogSetup.format(null, " JSON ")).isEqualTo("json");
    assertThat(LogSetup.format(null, null)).isEqualTo("text");
    assertThat(LogSetup.format("", null)).isEqualTo("text");
    assertThat(LogSetup.format("xml", null)).isEqualTo("xml");
  }

  private static String encode(LoggerContext context, Map<String, String> mdc) {
    ch.qos.logback.classic.Logger logger = context.getLogger(LogSetupTest.class);
    LoggingEvent event = new LoggingEvent(
        LogSetupTest.class.getName(), logger, Level.INFO, "created user {}", null, new Object[] {42
        });
    event.setThreadName("main");
    event.setMDCPropertyMap(mdc);
    @SuppressWarnings("unchecked")
    OutputStreamAppender<ILoggingEvent> console =
        (OutputStreamAppender<ILoggingEvent>) context.getLogger("ROOT").getAppender("CONSOLE");
    return new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
  }
}
