package dev.userbase.domain;

/** Outgoing port: opens a {@link UserTransfer} on the configured store, one per bulk move. */
@FunctionalInterface
public interface UserTransfers {

  /**
   * Opens it; the caller closes it.
   *
   * @throws StoreUnavailableException if the store cannot be reached
   */
  UserTransfer open();
}
