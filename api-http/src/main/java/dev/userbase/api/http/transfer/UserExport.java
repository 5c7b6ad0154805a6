package dev.userbase.api.http.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.userbase.domain.UserTransfer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Every user of a store as NDJSON: one user a line, every field, in id order, one snapshot. */
public final class UserExport {

  private UserExport() {}

  /**
   * Writes them all to {@code out} (which it flushes, and leaves open), calling {@code step} after
   * each.
   *
   * @return how many were written
   * @throws IOException if {@code out} fails (a closed pipe, a gone client)
   */
  public static long write(UserTransfer store, OutputStream out, Runnable step) throws IOException {
    char[] time = new char[24];
    try (JsonGenerator json = UserLines.generator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      long rows;
      try {
        rows = store.exportAll(user -> {
          try {
            UserLines.write(user, json, time);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          step.run();
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      json.flush();
      return rows;
    }
  }
}
