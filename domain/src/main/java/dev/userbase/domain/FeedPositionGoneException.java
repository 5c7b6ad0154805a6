package dev.userbase.domain;

/**
 * A reader asked for the events after a position the feed cannot serve in full: retention has
 * deleted some after it, or it is beyond the feed's end (a store restored from an older backup).
 * The reader resynchronises from an export instead of missing changes.
 */
public class FeedPositionGoneException extends RuntimeException {

  private final long position;
  private final transient ChangeFeed.Bounds bounds;

  public FeedPositionGoneException(long position, ChangeFeed.Bounds bounds) {
    super(
        position < bounds.pruned()
            ? "events after position " + position + " are past retention: the oldest kept is "
                + (bounds.pruned() + 1)
            : "position " + position + " is beyond the feed's last, " + bounds.last());
    this.position = position;
    this.bounds = bounds;
  }

  public long position() {
    return position;
  }

  public ChangeFeed.Bounds bounds() {
    return bounds;
  }
}
