package dev.userbase.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

/** The native library kept in a folder between starts, and loaded from there by a fresh JVM. */
class NativeLibraryTest {

  @TempDir
  Path folder;

  private static byte[] libraryInTheJar() throws Exception {
    String resource =
        LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
    try (InputStream in = LibraryLoaderUtil.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void theFirstCallCopiesTheLibraryAndLaterCallsKeepIt() throws Exception {
    Path kept = folder.resolve("native");
    Path library = NativeLibrary.prepare(kept).orElseThrow();
    assertThat(library.getParent()).isEqualTo(kept.toAbsolutePath());
    assertThat(library.getFileName().toString()).startsWith("sqlite-jdbc-3.");
    assertThat(Files.readAllBytes(library)).isEqualTo(libraryInTheJar());
    try (Stream<Path> files = Files.list(kept)) {
      assertThat(files).containsExactly(library);
    }

    // A later start finds it and does not copy it again.
    Files.writeString(library, "kept");
    assertThat(NativeLibrary.prepare(kept)).contains(library);
    assertThat(Files.readString(library)).isEqualTo("kept");
  }

  @Test
  void aFolderThatCannotBeMadeGivesNothing() throws Exception {
    Path inTheWay = Files.writeString(folder.resolve("native"), "a file");
    assertThat(NativeLibrary.prepare(inTheWay)).isEmpty();
    assertThat(Files.readString(inTheWay)).isEqualTo("a file");
  }

  @Test
  void aFreshJvmLoadsTheKeptLibraryInsteadOfCopyingItToTheTempFolder() throws Exception {
    Path kept = folder.resolve("native");
    NativeLibrary.prepare(kept).orElseThrow();

    List<String> withFolder = probe(kept.toString());
    assertThat(withFolder).first().asString().startsWith("3.");
    assertThat(withFolder.subList(1, withFolder.size())).isEmpty();

    // Without a folder, sqlite-jdbc copies the library into the temp folder.
    List<String> without = probe("");
    assertThat(without).first().asString().startsWith("3.");
    assertThat(without.subList(1, without.size()))
        .anySatisfy(name ->
            assertThat(name).startsWith("sqlite-").endsWith(LibraryLoaderUtil.getNativeLibName()));
  }

  /** Runs {@link Probe} in a new JVM with its own temp folder; returns its output lines. */
  private List<String> probe(String nativeDir) throws Exception {
    Path temp = Files.createTempDirectory(folder, "tmp");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + temp));
    if (Runtime.version().feature() >= 22) {
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName(), nativeDir));
    Path output = folder.resolve("probe-out-" + System.nanoTime() + ".log");
    Process process = new ProcessBuilder(command)
        .redirectOutput(output.toFile())
        .redirectError(folder.resolve("probe-err.log").toFile())
        .start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the probe ended within 60 s").isTrue();
    String out = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue())
        .as(() -> out + readQuietly(folder.resolve("probe-err.log")))
        .isZero();
    return out.lines().toList();
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (Exception e) {
      return "";
    }
  }

  /** Opens an in-memory database, prints SQLite's version, then what is in its temp folder. */
  static final class Probe {
    public static void main(String[] args) throws Exception {
      NativeLibrary.useFolder(args.length > 0 ? args[0] : "");
      try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
          ResultSet version =
              connection.createStatement().executeQuery("select sqlite_version()")) {
        version.next();
        System.out.println(version.getString(1));
      }
      File[] temp = new File(System.getProperty("java.io.tmpdir")).listFiles();
      for (File file : temp == null ? new File[0] : temp) {
        System.out.println(file.getName());
      }
    }
  }
}
