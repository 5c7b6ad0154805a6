package dev.userbase.app;

import dev.userbase.domain.ImportConflictException;
import dev.userbase.domain.UserTransfer;
import dev.userbase.persistence.jdbc.StoreModule;
import dev.userbase.transfer.UserExport;
import dev.userbase.transfer.UserImport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code export} and {@code import}: every user, group and membership out as NDJSON, and NDJSON
 * (or users as CSV) in.
 */
final class TransferCommands {

  private TransferCommands() {}

  /** The configured store, found and opened for bulk moves as the server would. */
  static UserTransfer openConfigured() {
    return Commands.withConfiguration(
        environment -> StoreModule.configured(environment).openTransfer(environment));
  }

  /** The configured store, to read from: one that does not exist is refused, not made. */
  static UserTransfer openExisting() {
    return Commands.withConfiguration(
        environment -> StoreModule.configured(environment).openExisting(environment));
  }

  /**
   * A bar on stderr (rows, rate and, when the total is known, ETA) while a file is exported or
   * imported at a terminal; nothing otherwise, so a pipe carries data alone. {@code total} is -1
   * when unknown.
   */
  static me.tongfei.progressbar.ProgressBar progress(String task, long total, boolean file) {
    if (!file || System.console() == null) {
      return null;
    }
    return new me.tongfei.progressbar.ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setUnit(" rows", 1)
        .showSpeed()
        .continuousUpdate()
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .build();
  }

  private static void step(me.tongfei.progressbar.ProgressBar bar) {
    if (bar != null) {
      bar.step();
    }
  }

  private static void close(me.tongfei.progressbar.ProgressBar bar) {
    if (bar != null) {
      bar.close();
    }
  }

  /**
   * The import's progress bar, on a terminal only: it starts when the import knows about how many
   * users it will store, and starts over when a check sends it back to the beginning.
   */
  private static final class Bar implements UserImport.Progress {
    private final boolean file;
    private me.tongfei.progressbar.ProgressBar bar;

    Bar(boolean file) {
      this.file = file;
    }

    @Override
    public void expect(long users) {
      close();
      bar = progress("import", users, file);
    }

    @Override
    public void stored() {
      step(bar);
    }

    void close() {
      if (bar != null) {
        // An estimate ends where the count did.
        bar.maxHint(bar.getCurrent());
      }
      TransferCommands.close(bar);
      bar = null;
    }
  }

  private static String rate(UserTransfer.Counts rows, long nanos) {
    double seconds = Math.max(nanos, 1) / 1e9;
    return String.format(
        "%s, %s and %s in %.2f s (%,.0f rows/s)",
        some(rows.users(), "user"),
        some(rows.groups(), "group"),
        some(rows.members(), "membership"),
        seconds,
        rows.rows() / seconds);
  }

  private static String some(long count, String what) {
    return String.format("%,d %s%s", count, what, count == 1 ? "" : "s");
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Writes every user, group and membership of the configured store as NDJSON, from one"
            + " consistent snapshot even while the server writes: the users, a line each with"
            + " every field, in id order; then the groups, {\"group\": {...}}, by id; then the"
            + " memberships, {\"membership\": {\"groupId\", \"userId\"}}. To FILE, or to"
            + " stdout with - (the default)."
      })
  static final class Export implements Callable<Integer> {

    @Parameters(
        paramLabel = "FILE",
        defaultValue = "-",
        description = "Where to write; - for stdout.")
    String target;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      boolean toStdout = target.equals("-");
      Path file = toStdout ? null : Path.of(target).toAbsolutePath();
      if (file != null && Files.exists(file) && !force) {
        throw new IllegalStateException(file + " exists; pass --force to overwrite it");
      }
      long start;
      UserTransfer.Counts rows;
      try (UserTransfer store = openExisting();
          // The descriptor itself, not System.out: a PrintStream hides a closed pipe, and the
          // export would go on writing into it.
          OutputStream out = new java.io.BufferedOutputStream(
              toStdout
                  ? new java.io.FileOutputStream(java.io.FileDescriptor.out)
                  : Files.newOutputStream(file),
              1 << 16)) {
        start = System.nanoTime();
        me.tongfei.progressbar.ProgressBar bar = progress("export", -1, !toStdout);
        try {
          rows = UserExport.write(store, out, () -> step(bar));
        } finally {
          close(bar);
        }
      }
      // The summary goes to stderr: stdout may be carrying the data.
      spec.commandLine()
          .getErr()
          .printf(
              "Exported %s%s%n",
              rate(rows, System.nanoTime() - start), toStdout ? "" : " to " + file);
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Loads users, groups and memberships into the configured store from NDJSON (as export"
            + " writes it), or users from CSV with a header line (name,email, or every field),"
            + " from FILE or stdin (-). Ids, versions and times are kept when given; a group needs"
            + " its id. Every line is checked by the API's rules: an id, email or group name"
            + " (ignoring case) that exists already is an error, and so is a membership whose"
            + " user or group is neither stored nor on a line before it. All or nothing: any bad"
            + " line and nothing is imported, unless --skip-invalid (which rejects too a"
            + " membership whose user's or group's line is rejected).",
        "Exit code: 0 every line imported; 1 nothing imported; 3 some lines rejected (with"
            + " --skip-invalid) and the rest imported."
      })
  static final class Import implements Callable<Integer> {

    static final String DEFAULT_REJECTS = "import-rejects.txt";
    static final int NOTHING_IMPORTED = 1;
    static final int SOME_REJECTED = 3;

    @Parameters(paramLabel = "FILE", defaultValue = "-", description = "What to read; - for stdin.")
    String source;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "ndjson or csv; by default from the file's extension (.csv), and on stdin"
            + " from the first line (a JSON object, or a CSV header).")
    String format;

    @Option(
        names = "--skip-invalid",
        description = "Import the good lines; write the rejected ones, with reasons, to a file.")
    boolean skipInvalid;

    @Option(
        names = "--rejects",
        paramLabel = "FILE",
        description = "Where --skip-invalid writes each rejected line, after its line number and"
            + " reason (default: import-rejects.txt in the working directory).")
    Path rejects;

    @Option(names = "--force", description = "Replace the rejects file when it exists already.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      boolean stdin = source.equals("-");
      UserImport.Format kind;
      try {
        kind = UserImport.Format.of(format, source);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--format " + e.getMessage());
      }
      PrintWriter err = spec.commandLine().getErr();
      Path rejectFile = (rejects != null ? rejects : Path.of(DEFAULT_REJECTS))
          .toAbsolutePath()
          .normalize();
      if (skipInvalid && Files.exists(rejectFile) && !force) {
        err.println("Nothing imported: the rejects file " + rejectFile + " exists already; pass"
            + " --force to replace it, or --rejects FILE to write another");
        return NOTHING_IMPORTED;
      }
      // The input is read twice (check, then load), so stdin is kept in a temporary file.
      Path input = stdin ? spool(System.in) : Path.of(source).toAbsolutePath();
      if (stdin && format == null) {
        kind = UserImport.Format.sniff(input);
      }
      try (UserTransfer store = openConfigured()) {
        long start = System.nanoTime();
        Instant now = Clock.systemUTC().instant().truncatedTo(ChronoUnit.MILLIS);
        Bar bar = new Bar(!stdin);
        UserImport.Result result;
        try {
          result = UserImport.run(store, input, kind, now, skipInvalid, skipInvalid, bar);
        } catch (ImportConflictException e) {
          err.println("Import stopped: " + e.getMessage() + "; on SQLite beside a running server"
              + " the transactions before it stay, else nothing was stored");
          return 1;
        } finally {
          bar.close();
        }
        UserImport.Check check = result.check();
        if (check.invalid() > 0 && !skipInvalid) {
          err.printf(
              "Nothing imported: %,d of %,d lines are invalid%s%n",
              check.invalid(),
              check.lines(),
              check.invalid() > UserImport.SHOWN ? "; the first " + UserImport.SHOWN + ":" : ":");
          check.firstErrors().forEach(line -> err.println("  " + line));
          return NOTHING_IMPORTED;
        }
        UserTransfer.Counts stored = result.stored();
        err.printf("Imported %s%n", rate(stored, System.nanoTime() - start));
        if (check.invalid() > 0) {
          Files.write(rejectFile, check.rejected(), StandardCharsets.UTF_8);
          err.printf(
              "Rejected %,d of %,d lines; each is in %s after its line number and reason%n",
              check.invalid(), check.lines(), rejectFile);
          return stored.rows() == 0 ? NOTHING_IMPORTED : SOME_REJECTED;
        }
        return 0;
      } finally {
        if (stdin) {
          Files.deleteIfExists(input);
        }
      }
    }
  }

  private static Path spool(InputStream in) throws IOException {
    Path spool = Files.createTempFile("userbase-import", ".spool");
    try (OutputStream out = Files.newOutputStream(spool, StandardOpenOption.TRUNCATE_EXISTING)) {
      in.transferTo(out);
    }
    return spool;
  }
}
