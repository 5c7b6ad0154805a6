package dev.userbase.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One committed change, at its place in the feed.
 *
 * @param position its place in the feed: 1, 2, 3… in the order the changes became visible, with
 *     no gap
 * @param type what the change did
 * @param time when it was made
 * @param resourceId the resource's id as its URL names it: {@code 42} for user 42 or group 42,
 *     {@code 7/42} for user 42's membership of group 7; null for an import
 * @param version the resource's version after the change (its last one, for a delete); null for a
 *     membership or an import
 * @param resource the resource as stored after the change: a {@link User}, a {@link Group}, a
 *     {@link UserTransfer.Member}, or an import's {@link UserTransfer.Counts}; null for a delete
 */
public record ChangeEvent(
    long position,
    ChangeType type,
    Instant time,
    String resourceId,
    Long version,
    Object resource) {

  public ChangeEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    if (position < 1) {
      throw new IllegalArgumentException("position must be at least 1");
    }
  }

  /** A membership's resource id: the group's id, a slash, the user's. */
  public static String membershipId(long group, long user) {
    return group + "/" + user;
  }
}
