package dev.userbase.domain;

import java.time.Instant;
import java.util.List;

/**
 * Outgoing port: the committed changes, in order. The store writes each change's event in the
 * change's own transaction, so an event exists if and only if its change committed; this port
 * reads them.
 */
public interface ChangeFeed {

  /**
   * The feed's ends now.
   *
   * @param pruned the last position retention has deleted (0 when none has been): a reader after
   *     an earlier position has missed events
   * @param last the last position readable now (equal to {@code pruned} when the feed is empty)
   */
  record Bounds(long pruned, long last) {}

  /** The events after {@code position}, at most {@code limit}, in order. */
  List<ChangeEvent> after(long position, int limit);

  /** The feed's ends now. */
  Bounds bounds();

  /**
   * Deletes the events made before {@code time}, at most {@code limit} of them, oldest first, and
   * returns how many it deleted. Writers never wait for it.
   */
  long prune(Instant time, int limit);

  /**
   * Asks to hear when events may have become readable: {@code listener} runs on the store's
   * thread, so it only wakes a reader of its own.
   */
  void onAppended(Runnable listener);
}
