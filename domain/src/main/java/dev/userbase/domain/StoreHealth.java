package dev.userbase.domain;

import java.util.Optional;

/** Outgoing port: whether the store can serve reads and writes now. */
public interface StoreHealth {

  /**
   * Empty when the store can read and write now; otherwise why not, in one line. A check is
   * bounded in time and never waits behind the writes it is checking.
   */
  Optional<String> problem();
}
