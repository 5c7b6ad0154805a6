package dev.userbase.api.http.events;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the feed is served ({@code userbase.events}); whether there is one, and how long it keeps
 * events, are the store's settings ({@code FeedSettings}).
 *
 * @param keepAlive how often an idle stream gets a comment line, so that proxies and the
 *     server's own idle timeout leave it open
 * @param retry what a stream tells a client to wait before it reconnects
 * @param buffer events waiting for one client that reads too slowly, before its stream is cut off
 *     (it resumes with {@code Last-Event-ID}); nobody else waits for it
 */
@ConfigurationProperties("userbase.events")
public record EventSettings(
    @Bindable(defaultValue = "15s") Duration keepAlive,
    @Bindable(defaultValue = "2s") Duration retry,
    @Bindable(defaultValue = "1000") int buffer) {

  public EventSettings {
    if (buffer < 1) {
      throw new IllegalArgumentException(
          "userbase.events.buffer (USERBASE_EVENTS_BUFFER) must be at least 1, not " + buffer);
    }
  }
}
