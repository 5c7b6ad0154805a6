package dev.userbase.domain;

import java.util.List;
import java.util.Optional;

/**
 * A page of a list paged by id, and, when more follow, the id the next page starts after.
 *
 * @param next the last id of this page when another page follows
 */
public record Page<T>(List<T> items, Optional<Long> next) {

  public Page {
    items = List.copyOf(items);
    next = next == null ? Optional.empty() : next;
  }

  /** The page {@code limit} items long out of {@code rows} (which holds one more if any follow). */
  static <T> Page<T> of(List<T> rows, int limit, java.util.function.ToLongFunction<T> id) {
    if (rows.size() <= limit) {
      return new Page<>(rows, Optional.empty());
    }
    List<T> page = rows.subList(0, limit);
    return new Page<>(page, Optional.of(id.applyAsLong(page.get(page.size() - 1))));
  }
}
