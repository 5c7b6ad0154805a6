package dev.userbase.domain;

/**
 * The store has more work queued than it accepts; the caller should retry shortly. Nothing of the
 * refused request was done.
 */
public final class StoreBusyException extends RuntimeException {

  public StoreBusyException(String message) {
    super(message);
  }
}
