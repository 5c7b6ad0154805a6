package dev.userbase.persistence.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps sqlite-jdbc's native library in a folder between starts. Left to itself, sqlite-jdbc
 * copies the library out of the jar into the temp folder at every start, reads both copies back
 * byte by byte, and runs a process to tell Android apart: about 60 ms of a 2 s start here. Given
 * a folder ({@code userbase.sqlite.native-dir}, which {@code bin/userbase} sets beside the jar),
 * the first start copies the library there under a name that carries the driver's version, and
 * every start after that has sqlite-jdbc load it from there. Anything in the way only logs a
 * line at debug level: sqlite-jdbc then does what it always does.
 */
final class NativeLibrary {

  private static final Logger LOG = LoggerFactory.getLogger(NativeLibrary.class);

  private NativeLibrary() {}

  /** Points sqlite-jdbc at the library in {@code folder}, unless it is already pointed somewhere. */
  static synchronized void useFolder(String folder) {
    if (folder == null || folder.isBlank() || System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    prepare(Path.of(folder)).ifPresent(library -> {
      System.setProperty("org.sqlite.lib.path", library.getParent().toString());
      System.setProperty("org.sqlite.lib.name", library.getFileName().toString());
    });
  }

  /**
   * The library for this platform in {@code folder}, copied there out of the jar if it is not
   * there yet; empty when it cannot be (no library for this platform, a folder that cannot be
   * written).
   */
  static Optional<Path> prepare(Path folder) {
    String name = LibraryLoaderUtil.getNativeLibName();
    Path library = folder.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-" + name);
    if (Files.isRegularFile(library)) {
      return Optional.of(library.toAbsolutePath());
    }
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        LOG.debug("No native SQLite library at {} in the jar; sqlite-jdbc finds its own", resource);
        return Optional.empty();
      }
      Files.createDirectories(folder);
      // Another process may be copying it too: each writes its own file, and one move wins.
      Path part = Files.createTempFile(folder, name, ".part");
      try {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        try {
          Files.move(part, library, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(part, library, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(part);
      }
      return Optional.of(library.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot keep the native SQLite library in {}: {}", folder, e.toString());
      return Optional.empty();
    }
  }
}
