package dev.userbase.app;

import dev.userbase.domain.StoreBackups.Backup;
import dev.userbase.persistence.jdbc.StoreModule;
import dev.userbase.persistence.sqlite.SqliteBackup;
import dev.userbase.persistence.sqlite.SqliteStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands: {@code bin/userbase <command> …} (or {@code java -jar userbase.jar <command> …}),
 * each with {@code --help}.
 * They read the same configuration as the server (application.yml, system properties,
 * environment) and exit 0 on success, 1 when the work failed, 2 on a usage error.
 */
@Command(
    name = "userbase",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    subcommands = {
      Commands.BackupCommand.class,
      Commands.RestoreCommand.class,
      TokenCommands.class,
      TransferCommands.Export.class,
      TransferCommands.Import.class
    },
    description = "Without a command, serves the users API. With one, runs it and exits.")
final class Commands implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** Runs a command line; returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Commands());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler((e, args1) -> {
      // Picocli would guess ("Did you mean …?"); the list of commands says more.
      CommandLine line = e.getCommandLine();
      line.getErr().println("userbase: " + e.getMessage());
      line.usage(line.getErr());
      return 2;
    });
    commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("userbase: " + e.getMessage());
      return 1;
    });
    int exit = commandLine.execute(args);
    out.flush();
    err.flush();
    return exit;
  }

  /**
   * Runs {@code work} on the configuration as the server reads it (application.yml, system
   * properties, environment), without starting anything.
   */
  static <T> T withConfiguration(java.util.function.Function<Environment, T> work) {
    try (ApplicationContext context = ApplicationContext.builder().build()) {
      return work.apply(context.getEnvironment().start());
    }
  }

  /** A setting as the server would read it. */
  static java.util.Optional<String> configured(String property) {
    return withConfiguration(environment -> environment.getProperty(property, String.class));
  }

  /**
   * The configured SQLite file, found as the server finds it; on a store with backup tools of its
   * own, fails with the one line that names them.
   */
  static Path configuredSqliteFile() {
    return withConfiguration(environment -> {
      StoreModule store = StoreModule.configured(environment);
      store.ownBackupTools().ifPresent(tools -> {
        throw new IllegalStateException(tools);
      });
      return SqliteStore.file(environment);
    });
  }

  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description = {
        "Writes a consistent copy of the configured SQLite database to FILE, while the server"
            + " keeps serving, checks it (PRAGMA integrity_check), and prints its size, users,"
            + " duration and file. A server store (PostgreSQL, MariaDB) is backed up with its own"
            + " tools, which this names."
      })
  static final class BackupCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Where to write the copy.")
    Path file;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Path database = configuredSqliteFile();
      PrintWriter err = spec.commandLine().getErr();
      boolean terminal = System.console() != null;
      Backup backup = SqliteBackup.backup(database, file, force, bytes -> {
        if (terminal) {
          err.printf("\rcopying %s: %,d bytes so far", database, bytes);
          err.flush();
        }
      });
      if (terminal) {
        err.println();
      }
      spec.commandLine()
          .getOut()
          .printf(
              "Backup %s: %,d bytes, %,d users, %d ms, integrity ok%n",
              backup.file(), backup.bytes(), backup.users(), backup.took().toMillis());
      return 0;
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = {
        "Puts the backup FILE in place of the configured SQLite database, with the server"
            + " stopped. The file must be a sound Userbase database of a schema version this build"
            + " knows; the current database is kept aside under a name this prints. A server store"
            + " is restored with its own tools."
      })
  static final class RestoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The backup to restore.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Path database = configuredSqliteFile();
      Path aside = SqliteBackup.restore(database, file.toAbsolutePath());
      spec.commandLine()
          .getOut()
          .printf(
              "Restored %s into %s; %s%n",
              file.toAbsolutePath(),
              database,
              aside == null
                  ? "there was no database before"
                  : "the former database is at " + aside);
      return 0;
    }
  }
}
