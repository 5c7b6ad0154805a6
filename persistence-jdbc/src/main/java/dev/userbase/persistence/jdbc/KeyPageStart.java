package dev.userbase.persistence.jdbc;

import dev.userbase.domain.SearchCursor;
import java.util.Optional;

/**
 * Where a page of a name search starts in the (key, id) index: at the cursor's key, past its id;
 * or, on the first page (or for a cursor before the prefix), at the prefix itself.
 */
record KeyPageStart(String key, long afterId) {

  static KeyPageStart of(String nameKeyPrefix, Optional<SearchCursor> after) {
    if (after.isPresent() && SearchCursor.compareKeys(after.get().key(), nameKeyPrefix) >= 0) {
      return new KeyPageStart(after.get().key(), after.get().id());
    }
    return new KeyPageStart(nameKeyPrefix, 0);
  }
}
