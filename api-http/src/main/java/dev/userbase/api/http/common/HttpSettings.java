package dev.userbase.api.http.common;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.time.Duration;

/**
 * Settings of the HTTP server, under {@code userbase.http}; each default is written here only.
 *
 * @param maxBodySize the largest body any route but the import takes, by Content-Length (413)
 * @param importMaxSize the largest body of {@code POST /admin/import}, which is streamed
 * @param requestTimeout how long a handler may take before the client gets 503; 0 for no limit
 * @param headerTimeout how long a client may take to send a request's head (408)
 * @param idleTimeout how long a connection with nothing read or written stays open
 * @param maxConnections open connections at most; one more is closed as it arrives; 0 for no cap
 * @param accessLog one line per request on the {@code userbase.access} logger
 * @param requireIfMatch every change must send If-Match (428 when it does not)
 */
@ConfigurationProperties(HttpSettings.PREFIX)
public record HttpSettings(
    @Bindable(defaultValue = "64KB") @ReadableBytes long maxBodySize,
    @Bindable(defaultValue = "1GB") @ReadableBytes long importMaxSize,
    @Bindable(defaultValue = "30s") Duration requestTimeout,
    @Bindable(defaultValue = "30s") Duration headerTimeout,
    @Bindable(defaultValue = "30s") Duration idleTimeout,
    @Bindable(defaultValue = "10000") int maxConnections,
    @Bindable(defaultValue = "false") boolean accessLog,
    @Bindable(defaultValue = "false") boolean requireIfMatch) {

  public static final String PREFIX = "userbase.http";

  public HttpSettings {
    Settings.atLeast(PREFIX + ".max-body-size", maxBodySize, 1);
    Settings.atLeast(PREFIX + ".import-max-size", importMaxSize, maxBodySize);
    Settings.notNegative(PREFIX + ".request-timeout", requestTimeout);
    Settings.positive(PREFIX + ".header-timeout", headerTimeout);
    Settings.positive(PREFIX + ".idle-timeout", idleTimeout);
    Settings.atLeast(PREFIX + ".max-connections", maxConnections, 0);
  }
}
