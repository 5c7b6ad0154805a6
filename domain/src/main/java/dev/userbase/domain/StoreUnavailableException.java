package dev.userbase.domain;

/**
 * The store behind the repository port cannot be used: a folder that cannot be written, a server
 * that does not answer. The message names the place and the reason in one line.
 */
public final class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
