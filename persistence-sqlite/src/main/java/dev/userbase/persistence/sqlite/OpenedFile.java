package dev.userbase.persistence.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The database file as the server opened it. Once its path leads elsewhere (the file deleted,
 * moved, or replaced by another), the open connections still write to the old file, which nothing
 * will read again: SQLite in WAL mode does not notice, so the writer asks this before each commit
 * and refuses, rather than answer 201 for a write that is lost at the next start.
 */
final class OpenedFile {

  private final Path path;
  private final Object key;

  private OpenedFile(Path path, Object key) {
    this.path = path;
    this.key = key;
  }

  /** Notes which file {@code path} leads to now. */
  static OpenedFile of(Path path) throws IOException {
    return new OpenedFile(
        path, Files.readAttributes(path, BasicFileAttributes.class).fileKey());
  }

  /** Null while the path still leads to the file that was opened; otherwise what became of it. */
  String problem() {
    Object now;
    try {
      now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return "the database file " + path + " was deleted or moved while open";
    } catch (IOException e) {
      return "the database file " + path + " cannot be checked: " + e;
    }
    // A file system without file keys (null) leaves only the check that the file is there.
    return Objects.equals(now, key)
        ? null
        : "the database file " + path + " was replaced by another file while open";
  }
}
