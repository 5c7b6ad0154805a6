package dev.userbase.domain;

/**
 * A row an import had checked was refused when it was stored: another writer took an id, an
 * email or a group's name, added a membership, or deleted a user or group a membership names,
 * between the check and the store.
 */
public final class ImportConflictException extends RuntimeException {

  /** @param what what the store refused, in its own words */
  public ImportConflictException(String what) {
    super(what);
  }
}
