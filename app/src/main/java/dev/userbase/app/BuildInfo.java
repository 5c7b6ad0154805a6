package dev.userbase.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Which build this is: the version, and the commit it was built from (with {@code +changes} when
 * the tree held changes not committed), as the build wrote them into {@code
 * userbase-build.properties}. A build from a tree with no git history says {@code unknown}.
 */
final class BuildInfo implements CommandLine.IVersionProvider {

  private static final String FILE = "userbase-build.properties";

  private final Properties properties = new Properties();

  BuildInfo() {
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(FILE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Such as {@code 0.1.0 (build 657f827, 2026-12-04)}. */
  String describe() {
    String commit = properties.getProperty("git.commit.id.abbrev", "unknown");
    String dirty = Boolean.parseBoolean(properties.getProperty("git.dirty")) ? "+changes" : "";
    String date = properties.getProperty("git.commit.time");
    return properties.getProperty("git.build.version", "unknown")
        + " (build "
        + commit
        + dirty
        + (date == null ? "" : ", " + date)
        + ")";
  }

  @Override
  public String[] getVersion() {
    return new String[] {"Userbase " + describe()};
  }
}
