package dev.userbase.api.http.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.userbase.api.http.groups.GroupResponse;
import dev.userbase.api.http.users.UserResponse;
import dev.userbase.domain.ChangeEvent;
import dev.userbase.domain.Group;
import dev.userbase.domain.User;
import dev.userbase.domain.UserTransfer;
import dev.userbase.transfer.UserTimes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One change as the feed shows it, on the stream ({@code data:}) and in a polled page alike. The
 * spec's schema is written in shared-responses.yml ({@code Event}): a resource that is one of
 * four shapes, or null, is more than the generator can say.
 *
 * @param resource the user, group or membership as stored after the change (null for a delete),
 *     or an import's counts
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EventResponse(
    long position,
    String type,
    String time,
    @Nullable String resourceId,
    @Nullable Long version,
    @Nullable Object resource) {

  /** A membership: the group's id and the user's (the spec's schema: shared-responses.yml). */
  @Serdeable
  public record Membership(long groupId, long userId) {}

  /** What an import brought in; its rows have no events of their own (ditto). */
  @Serdeable
  public record ImportCounts(long users, long groups, long memberships) {}

  static EventResponse fromDomain(ChangeEvent event) {
    Object stored = event.resource();
    Object resource;
    if (stored == null) {
      resource = null;
    } else if (stored instanceof User user) {
      resource = UserResponse.fromDomain(user);
    } else if (stored instanceof Group group) {
      resource = GroupResponse.fromDomain(group);
    } else if (stored instanceof UserTransfer.Member member) {
      resource = new Membership(member.group(), member.user());
    } else if (stored instanceof UserTransfer.Counts counts) {
      resource = new ImportCounts(counts.users(), counts.groups(), counts.members());
    } else {
      throw new IllegalStateException("no view of " + stored);
    }
    return new EventResponse(
        event.position(),
        event.type().wireName(),
        UserTimes.UTC_MILLIS.format(event.time()),
        event.resourceId(),
        event.version(),
        resource);
  }
}
