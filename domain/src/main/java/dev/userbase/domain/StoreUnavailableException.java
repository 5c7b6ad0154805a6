package dev.userbase.domain;

/**
 * The store behind the repository port cannot be used: a folder that cannot be written, a full
 * disk, a server that does not answer. The message names the place and the real cause in one line,
 * for the log; {@link #outcome()} says, for the client, what became of the request.
 */
public final class StoreUnavailableException extends RuntimeException {

  private final String code;
  private final boolean mayHaveWritten;

  /** A failure after which nothing of the request was done. */
  public StoreUnavailableException(String message, Throwable cause) {
    this("unavailable", message, cause, false);
  }

  /**
   * @param code the kind of failure, short and from a small set ({@code SQLITE_FULL},
   *     {@code pool-timeout}, {@code connection}…), for counting
   * @param mayHaveWritten true when the write may have been stored all the same (the store stopped
   *     answering while it committed), so the client must look before it retries blindly
   */
  public StoreUnavailableException(
      String code, String message, Throwable cause, boolean mayHaveWritten) {
    super(message, cause);
    this.code = code;
    this.mayHaveWritten = mayHaveWritten;
  }

  /** The kind of failure, for counting: one of a small set of short names. */
  public String code() {
    return code;
  }

  public boolean mayHaveWritten() {
    return mayHaveWritten;
  }

  /** What became of the request, in a sentence for the client. */
  public String outcome() {
    return mayHaveWritten
        ? "The store stopped answering while this write was being stored: it may or may not have"
            + " been stored; read the user to find out."
        : "The store cannot serve this request now; nothing was changed.";
  }
}
