package dev.userbase.domain;

import java.util.List;

/** Use case: read the feed from a position, refusing one it cannot serve without a gap. */
public class ChangeFeedService {

  private final ChangeFeed feed;

  public ChangeFeedService(ChangeFeed feed) {
    this.feed = feed;
  }

  /**
   * The events after {@code position}, at most {@code limit}.
   *
   * @throws FeedPositionGoneException when retention has deleted events after it, or it is beyond
   *     the feed's end
   */
  public List<ChangeEvent> after(long position, int limit) {
    if (position < 0) {
      throw new InvalidValueException("after", "must be 0 or more");
    }
    List<ChangeEvent> events = feed.after(position, limit);
    // Checked after the read: a prune between a check and the read would go unseen.
    check(position, feed.bounds());
    return events;
  }

  /**
   * Checks that the events after {@code position} are all still there.
   *
   * @throws FeedPositionGoneException when they are not
   */
  public void check(long position, ChangeFeed.Bounds bounds) {
    if (position < bounds.pruned() || position > bounds.last()) {
      throw new FeedPositionGoneException(position, bounds);
    }
  }

  /** The feed's ends now. */
  public ChangeFeed.Bounds bounds() {
    return feed.bounds();
  }
}
