package dev.userbase.domain;

import java.util.List;
import java.util.Optional;

/**
 * A page of a list paged by key, and, when more follow, where the next page starts.
 *
 * @param next when another page follows, the {@code after} value of its link: this page's last id
 *     in a list by id, or its last item's {@link SearchCursor} in a search
 */
public record Page<T>(List<T> items, Optional<String> next) {

  public Page {
    items = List.copyOf(items);
    next = next == null ? Optional.empty() : next;
  }

  /**
   * The page {@code limit} items long out of {@code rows} (which holds one more if any follow);
   * {@code after} spells where the next starts from this page's last item.
   */
  static <T> Page<T> of(List<T> rows, int limit, java.util.function.Function<T, String> after) {
    if (rows.size() <= limit) {
      return new Page<>(rows, Optional.empty());
    }
    List<T> page = rows.subList(0, limit);
    return new Page<>(page, Optional.of(after.apply(page.get(page.size() - 1))));
  }
}
