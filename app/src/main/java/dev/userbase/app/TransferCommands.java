package dev.userbase.app;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserTransfer;
import dev.userbase.persistence.postgres.PostgresTransfer;
import dev.userbase.persistence.sqlite.SqliteTransfer;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export} and {@code import}: every user out as NDJSON, and NDJSON or CSV in. */
final class TransferCommands {

  private TransferCommands() {}

  /** The configured store, opened for bulk moves as the server would find it. */
  static UserTransfer openConfigured() {
    String store = Commands.configured("userbase.store").orElse("sqlite");
    if (store.equals("postgres")) {
      return PostgresTransfer.open(
          Commands.configured("datasources.default.url")
              .orElseThrow(() -> new IllegalStateException(
                  "datasources.default.url (DATASOURCES_DEFAULT_URL) is not set")),
          Commands.configured("datasources.default.username").orElse(null),
          Commands.configured("datasources.default.password").orElse(null),
          Commands.configured("datasources.default.schema").orElse(null));
    }
    return SqliteTransfer.open(Commands.configuredSqliteFile());
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
        .setUnit(" users", 1)
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

  private static String rate(long rows, long nanos) {
    double seconds = Math.max(nanos, 1) / 1e9;
    return String.format("%,d users in %.2f s (%,.0f users/s)", rows, seconds, rows / seconds);
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Writes every user of the configured store as NDJSON, one user a line with every field,"
            + " in id order, from one consistent snapshot even while the server writes. To FILE,"
            + " or to stdout with - (the default)."
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
      long rows;
      try (UserTransfer store = openConfigured();
          // The descriptor itself, not System.out: a PrintStream hides a closed pipe, and the
          // export would go on writing into it.
          OutputStream raw = toStdout
              ? new java.io.FileOutputStream(java.io.FileDescriptor.out)
              : Files.newOutputStream(file);
          BufferedWriter out =
              new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
          JsonGenerator json = UserLines.generator(out)) {
        start = System.nanoTime();
        me.tongfei.progressbar.ProgressBar bar = progress("export", -1, !toStdout);
        try {
          rows = store.exportAll(user -> {
            try {
              UserLines.write(user, json);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            step(bar);
          });
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
        "Loads users into the configured store from NDJSON (as export writes it) or CSV with a"
            + " header line (name,email, or every field), from FILE or stdin (-). Ids, versions"
            + " and times are kept when given. Every line is checked by the API's rules, and an"
            + " id or email that exists already is an error. All or nothing: any bad line and"
            + " nothing is imported, unless --skip-invalid."
      })
  static final class Import implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", defaultValue = "-", description = "What to read; - for stdin.")
    String source;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "ndjson or csv; by default from the file's extension (.csv), else ndjson.")
    String format;

    @Option(
        names = "--skip-invalid",
        description = "Import the good lines; write the rejected ones, with reasons, to a file.")
    boolean skipInvalid;

    @Option(
        names = "--rejects",
        paramLabel = "FILE",
        description = "Where --skip-invalid writes rejected lines (default: import-rejects.txt).")
    Path rejects;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      boolean csv = format == null
          ? source.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
          : switch (format) {
            case "csv" -> true;
            case "ndjson" -> false;
            default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(), "--format must be ndjson or csv, not '" + format + "'");
          };
      PrintWriter err = spec.commandLine().getErr();
      // The input is read twice (check, then load), so stdin is kept in a temporary file.
      Path input = source.equals("-") ? spool(System.in) : Path.of(source).toAbsolutePath();
      try (UserTransfer store = openConfigured()) {
        long start = System.nanoTime();
        Instant now = Clock.systemUTC().instant().truncatedTo(ChronoUnit.MILLIS);
        Check check = check(store, input, csv, now);
        if (!check.bad.isEmpty() && !skipInvalid) {
          err.printf(
              "Nothing imported: %,d of %,d lines are invalid%s%n",
              check.badCount,
              check.lines,
              check.badCount > check.bad.size() ? "; the first " + check.bad.size() + ":" : ":");
          check.bad.forEach(line -> err.println("  " + line));
          return 1;
        }
        if (!check.bad.isEmpty()) {
          Path rejectFile =
              (rejects != null ? rejects : Path.of("import-rejects.txt")).toAbsolutePath();
          Files.write(rejectFile, check.allBad, StandardCharsets.UTF_8);
          err.printf(
              "Skipped %,d invalid lines; they and their reasons are in %s%n",
              check.badCount, rejectFile);
        }
        long stored;
        me.tongfei.progressbar.ProgressBar bar =
            progress("import", check.lines - check.badCount, !source.equals("-"));
        try {
          stored = store.importAll(new Reader(input, csv, now, check.badLines, bar));
        } catch (EmailAlreadyTakenException e) {
          err.println("Import stopped: an id or email was taken while importing (another writer?);"
              + " on SQLite the transactions before it stay, on PostgreSQL nothing was stored");
          return 1;
        } finally {
          close(bar);
        }
        err.printf("Imported %s%n", rate(stored, System.nanoTime() - start));
        return 0;
      } finally {
        if (source.equals("-")) {
          Files.deleteIfExists(input);
        }
      }
    }
  }

  /** What checking every line found. */
  private static final class Check {
    long lines;
    long badCount;
    final List<String> bad = new ArrayList<>();
    final List<String> allBad = new ArrayList<>();
    final Set<Long> badLines = new HashSet<>();
  }

  private static final int SHOWN = 20;

  private static Check check(UserTransfer store, Path input, boolean csv, Instant now)
      throws IOException {
    Check check = new Check();
    Set<Long> ids = new HashSet<>();
    Set<String> emails = new HashSet<>();
    List<long[]> idAt = new ArrayList<>();
    List<Object[]> emailAt = new ArrayList<>();
    try (Lines lines = new Lines(input, csv)) {
      for (Lines.Line line = lines.next(); line != null; line = lines.next()) {
        check.lines++;
        try {
          User user = lines.user(line, now);
          if (user.id() != null && !ids.add(user.id().value())) {
            throw new UserLines.BadLine("id", "is given twice in the input");
          }
          if (user.email().isPresent() && !emails.add(user.email().get().value())) {
            throw new UserLines.BadLine("email", "is given twice in the input");
          }
          if (user.id() != null) {
            idAt.add(new long[] {user.id().value(), line.number});
          }
          if (user.email().isPresent()) {
            emailAt.add(new Object[] {user.email().get().value(), line.number});
          }
        } catch (UserLines.BadLine e) {
          bad(check, line.number, e.field, e.getMessage(), line.text);
        }
      }
      if (csv && lines.headerError != null) {
        check.lines++;
        bad(check, 1, "header", lines.headerError, "");
      }
    }
    // What the store holds already, a few hundred at a time.
    for (int from = 0; from < idAt.size(); from += 500) {
      List<long[]> part = idAt.subList(from, Math.min(idAt.size(), from + 500));
      Set<Long> taken = store.existingIds(part.stream().map(p -> p[0]).toList());
      for (long[] p : part) {
        if (taken.contains(p[0])) {
          bad(check, p[1], "id", "exists already in the store", null);
        }
      }
    }
    for (int from = 0; from < emailAt.size(); from += 500) {
      List<Object[]> part = emailAt.subList(from, Math.min(emailAt.size(), from + 500));
      Set<String> taken =
          store.existingEmails(part.stream().map(p -> (String) p[0]).toList());
      for (Object[] p : part) {
        if (taken.contains((String) p[0])) {
          bad(check, (Long) p[1], "email", "exists already in the store", null);
        }
      }
    }
    check.bad.sort(java.util.Comparator.comparingLong(TransferCommands::lineOf));
    while (check.bad.size() > SHOWN) {
      check.bad.remove(check.bad.size() - 1);
    }
    return check;
  }

  private static long lineOf(String message) {
    return Long.parseLong(message.substring("line ".length(), message.indexOf(':')));
  }

  private static void bad(Check check, long line, String field, String reason, String text) {
    String message = "line " + line + ": " + field + " " + reason;
    if (check.badLines.add(line)) {
      check.badCount++;
    }
    check.bad.add(message);
    check.allBad.add(message + (text == null ? "" : "\t" + text));
  }

  private static Path spool(InputStream in) throws IOException {
    Path spool = Files.createTempFile("userbase-import", ".spool");
    try (OutputStream out = Files.newOutputStream(spool, StandardOpenOption.TRUNCATE_EXISTING)) {
      in.transferTo(out);
    }
    return spool;
  }

  /** The good lines as users, in order, for the store to load. */
  private static final class Reader implements Iterator<User> {
    private final Lines lines;
    private final Instant now;
    private final Set<Long> skip;
    private final me.tongfei.progressbar.ProgressBar bar;
    private User next;

    Reader(
        Path input,
        boolean csv,
        Instant now,
        Set<Long> skip,
        me.tongfei.progressbar.ProgressBar bar)
        throws IOException {
      this.lines = new Lines(input, csv);
      this.now = now;
      this.skip = skip;
      this.bar = bar;
      advance();
    }

    private void advance() {
      try {
        next = null;
        for (Lines.Line line = lines.next(); line != null; line = lines.next()) {
          if (!skip.contains(line.number)) {
            next = lines.user(line, now);
            return;
          }
        }
        lines.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (UserLines.BadLine e) {
        throw new IllegalStateException("the input changed while it was imported", e);
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public User next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      User user = next;
      step(bar);
      advance();
      return user;
    }
  }

  /** The input's data lines, each decoded as strict UTF-8, with their line numbers. */
  private static final class Lines implements AutoCloseable {
    record Line(long number, String text, String error) {}

    private final InputStream in;
    private final boolean csv;
    private List<String> header;
    String headerError;
    private long number;

    Lines(Path input, boolean csv) throws IOException {
      this.in = new BufferedInputStream(Files.newInputStream(input), 1 << 16);
      this.csv = csv;
      if (csv) {
        Line first = read();
        try {
          if (first == null) {
            throw new UserLines.BadLine("header", "is missing: the file is empty");
          }
          if (first.error != null) {
            throw new UserLines.BadLine("header", first.error);
          }
          header = UserLines.csvHeader(first.text);
        } catch (UserLines.BadLine e) {
          headerError = e.getMessage();
        }
      }
    }

    Line next() throws IOException {
      if (csv && header == null) {
        return null;
      }
      Line line = read();
      while (line != null && line.error == null && line.text.isEmpty()) {
        line = read();
      }
      return line;
    }

    User user(Line line, Instant now) throws UserLines.BadLine {
      if (line.error != null) {
        throw new UserLines.BadLine("line", line.error);
      }
      Map<String, Object> values =
          csv ? UserLines.parseCsv(header, line.text) : UserLines.parseJson(line.text);
      return UserLines.user(values, now);
    }

    private Line read() throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
      int b = in.read();
      if (b < 0) {
        return null;
      }
      while (b >= 0 && b != '\n') {
        bytes.write(b);
        b = in.read();
      }
      number++;
      byte[] raw = bytes.toByteArray();
      int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
      try {
        String text = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(raw, 0, length))
            .toString();
        return new Line(number, text, null);
      } catch (CharacterCodingException e) {
        return new Line(number, "", "is not valid UTF-8");
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
