package dev.userbase.app;

import dev.userbase.domain.StoreUnavailableException;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;

/** Starts the Userbase server. */
public final class Application extends Micronaut {

  private Application() {}

  public static void main(String[] args) {
    if (args.length > 0 && !args[0].startsWith("-D") && !args[0].startsWith("--micronaut")) {
      // A subcommand (or --help): run it and exit; nothing is served. Its log goes to stderr,
      // before anything logs, so that stdout carries only what the command writes.
      LogSetup.toStderr();
      System.exit(Commands.run(
          args,
          new java.io.PrintWriter(System.out, true),
          new java.io.PrintWriter(System.err, true)));
    }
    new Application()
        .args(args)
        .mainClass(Application.class)
        .banner(false)
        .properties(java.util.Map.of(GracefulStop.ENABLED, "true"))
        .start();
  }

  /**
   * A start that fails says so in one line that names the cause, and the process exits non-zero: an
   * operator should not have to read a stack trace to learn that a folder is not writable.
   */
  @Override
  protected void handleStartupException(Environment environment, Throwable e) {
    System.err.println("Userbase failed to start: " + describe(e));
    System.exit(1);
  }

  static String describe(Throwable e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StoreUnavailableException) {
        return t.getMessage();
      }
      root = t;
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message
        .lines()
        .filter(line -> !line.isBlank())
        .findFirst()
        .orElse(message)
        .strip();
  }
}
