package dev.userbase.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Outgoing port: whether the store can serve reads and writes now. */
public interface StoreHealth {

  /**
   * Checks the store now. A check is bounded in time and never waits behind the writes it is
   * checking.
   */
  Status check();

  /**
   * What a check found.
   *
   * @param problem why the store cannot read or write now, in one line; null when it can
   * @param details what an operator may want to see (queue depth, free disk, pool use), by name
   */
  record Status(String problem, Map<String, Object> details) {

    public Status {
      details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public boolean up() {
      return problem == null;
    }
  }
}
