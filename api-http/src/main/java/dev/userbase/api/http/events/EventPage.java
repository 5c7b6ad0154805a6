package dev.userbase.api.http.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A polled page of the feed (the spec's {@code EventPage}, in shared-responses.yml).
 *
 * @param next where to poll next: the events after this page's last (or after the same position,
 *     when the page is empty)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EventPage(List<EventResponse> items, String next) {}
