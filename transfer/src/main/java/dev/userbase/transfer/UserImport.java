package dev.userbase.transfer;

import com.carrotsearch.hppc.BitMixer;
import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import dev.userbase.domain.Group;
import dev.userbase.domain.User;
import dev.userbase.domain.UserTransfer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Loads users, groups and memberships from NDJSON (as {@link UserExport} writes it), or users
 * from CSV with a header line, all or nothing: {@link #check} reads every line by the API's rules
 * and asks the store which ids, emails, group names and memberships it holds already, and whether
 * the users and groups a membership names are there; then {@link #load} stores the good lines.
 * A membership's user and group are stored already, or on a line before it. The input is read
 * twice, so it is a file.
 */
public final class UserImport {

  /** How many bad lines a report names; the count covers all of them. */
  public static final int SHOWN = 20;

  private static final int ASK = 5_000;

  /** Rows a batch handed to the store holds in {@link #load}. */
  private static final int LOAD_BATCH = 1_000;

  /** The most lines the check's sets are sized for before it reads (48 MB for a million). */
  private static final int PRESIZED = 1_000_000;

  /** The input's format. */
  public enum Format {
    NDJSON,
    CSV;

    /**
     * {@code ndjson} or {@code csv}, or by the file's extension when null.
     *
     * @throws IllegalArgumentException for any other name, saying what it must be
     */
    public static Format of(String name, String fileName) {
      if (name == null) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : NDJSON;
      }
      return switch (name) {
        case "csv" -> CSV;
        case "ndjson" -> NDJSON;
        default -> throw new IllegalArgumentException("must be ndjson or csv, not '" + name + "'");
      };
    }

    /**
     * The format of input that has no name to tell it by (standard input): NDJSON when its first
     * line that is not blank starts a JSON object, else CSV, whose header line is then checked
     * like any other.
     */
    public static Format sniff(Path input) throws IOException {
      try (var reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          String start = line.replace("\uFEFF", "").strip();
          if (!start.isEmpty()) {
            return start.startsWith("{") ? NDJSON : CSV;
          }
        }
      }
      return NDJSON;
    }
  }

  /** One rule a line broke: which line, which field, and why. */
  public record Rejection(long line, String field, String reason) {
    @Override
    public String toString() {
      return "line " + line + ": " + field + " " + reason;
    }
  }

  /** What checking every line found. */
  public static final class Check {
    private long lines;
    private long invalid;
    /** Membership lines found good so far. */
    private long members;

    private final LongHashSet badLines = new LongHashSet();
    private final TreeMap<Long, List<Rejection>> first = new TreeMap<>();
    private final List<String> rejected;

    private Check(boolean keepRejected) {
      this.rejected = keepRejected ? new ArrayList<>() : null;
    }

    /** How many data lines there were. */
    public long lines() {
      return lines;
    }

    /** How many of them are invalid. */
    public long invalid() {
      return invalid;
    }

    /** The first {@link #SHOWN} errors by line. */
    public List<Rejection> firstErrors() {
      return first.values().stream().flatMap(List::stream).limit(SHOWN).toList();
    }

    /** Whether the rejected lines are kept, with their text. */
    boolean keeps() {
      return rejected != null;
    }

    /** Every error with its line's text after a tab, when asked to keep them. */
    public List<String> rejected() {
      return rejected == null ? List.of() : rejected;
    }

    private void bad(long line, String field, String reason, String text) {
      Rejection rejection = new Rejection(line, field, reason);
      if (badLines.add(line)) {
        invalid++;
      }
      if (first.size() < SHOWN || line < first.lastKey()) {
        first.computeIfAbsent(line, l -> new ArrayList<>(1)).add(rejection);
        if (first.size() > SHOWN) {
          first.pollLastEntry();
        }
      }
      if (rejected != null) {
        rejected.add(rejection + (text == null ? "" : "\t" + text));
      }
    }
  }

  private UserImport() {}

  /** How an import goes along, for a progress bar. */
  public interface Progress {
    /** Nothing to show. */
    Progress NONE = new Progress() {
      @Override
      public void expect(long rows) {}

      @Override
      public void stored() {}
    };

    /**
     * Storing starts over, with about this many rows (users, groups, memberships) to store:
     * counted, or estimated from the input's size when they are stored while it is read.
     */
    void expect(long rows);

    /** One more row stored. */
    void stored();
  }

  /** What an import did: what its check found, and how many of each it stored (none if refused). */
  public record Result(Check check, UserTransfer.Counts stored) {}

  private static final UserTransfer.Counts NONE = new UserTransfer.Counts(0, 0, 0);

  /**
   * Imports the input: all or nothing, or, with {@code skipInvalid}, its good lines (the bad ones
   * kept in {@link Check#rejected} when {@code keepRejected}; a membership whose user's or group's
   * line is rejected is rejected too). When the store can take the whole import in one
   * transaction ({@link UserTransfer#stageAll}), rows are stored while the lines are checked, and
   * kept only if every line passes: the input is then read once. Otherwise, or when some line is
   * bad, the good lines are stored in a second reading, after the check.
   *
   * @throws dev.userbase.domain.ImportConflictException if another writer changed the store
   *     between the check and the store
   */
  public static Result run(
      UserTransfer store,
      Path input,
      Format format,
      Instant now,
      boolean skipInvalid,
      boolean keepRejected,
      Progress progress)
      throws IOException {
    Check check;
    Optional<UserTransfer.Staging> staging = store.stageAll();
    if (staging.isPresent()) {
      try (UserTransfer.Staging staged = staging.get()) {
        progress.expect(estimateLines(input));
        Loader loader = new Loader(staged, progress);
        try {
          check = check(store, input, format, now, keepRejected, UserImport::hash, loader);
        } finally {
          loader.finish();
        }
        if (check.invalid() == 0) {
          loader.rethrow();
          staged.commit();
          return new Result(check, loader.counts());
        }
      }
    } else {
      check = check(store, input, format, now, keepRejected);
    }
    if (check.invalid() > 0 && !skipInvalid) {
      return new Result(check, NONE);
    }
    if (check.invalid() > 0 && check.members > 0) {
      rejectOrphans(input, format, now, check);
    }
    progress.expect(check.lines() - check.invalid());
    return new Result(check, load(store, input, format, now, check, progress::stored));
  }

  /** About how many lines the file has, from how long its first ones are. */
  static long estimateLines(Path input) throws IOException {
    long size = Files.size(input);
    byte[] start = new byte[(int) Math.min(size, 1 << 20)];
    int read;
    try (var in = Files.newInputStream(input)) {
      read = in.readNBytes(start, 0, start.length);
    }
    long lines = 0;
    for (int i = 0; i < read; i++) {
      if (start[i] == '\n') {
        lines++;
      }
    }
    if (read == size) {
      return read > 0 && start[read - 1] != '\n' ? lines + 1 : lines;
    }
    return lines == 0 ? 1 : size * lines / read;
  }

  /**
   * Stores rows in a staging transaction on a thread of its own, while the caller goes on
   * checking. After a failure it takes what it is handed and drops it, so the caller never waits
   * on it; {@link #rethrow} reports the failure afterwards.
   */
  private static final class Loader implements Consumer<Object> {
    private static final int BATCH = 2048;
    private static final List<Object> END = List.of();

    private final UserTransfer.Staging staged;
    private final Progress progress;
    private final ArrayBlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(4);
    private final Thread thread;
    private List<Object> batch = new ArrayList<>(BATCH);
    private volatile RuntimeException failure;
    private long users;
    private long groups;
    private long members;

    Loader(UserTransfer.Staging staged, Progress progress) {
      this.staged = staged;
      this.progress = progress;
      this.thread = new Thread(this::store, "userbase-import-loader");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void accept(Object row) {
      batch.add(row);
      if (batch.size() == BATCH) {
        hand(batch);
        batch = new ArrayList<>(BATCH);
      }
    }

    private void hand(List<Object> rows) {
      try {
        queue.put(rows);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while importing", e);
      }
    }

    private void store() {
      try {
        for (List<Object> rows = queue.take(); rows != END; rows = queue.take()) {
          if (failure != null) {
            continue;
          }
          try {
            UserTransfer.Batch stored = batchOf(rows);
            staged.add(stored);
            users += stored.users().size();
            groups += stored.groups().size();
            members += stored.members().size();
            for (int i = 0; i < rows.size(); i++) {
              progress.stored();
            }
          } catch (RuntimeException e) {
            failure = e;
          }
        }
      } catch (InterruptedException e) {
        failure = new IllegalStateException("interrupted while importing", e);
      }
    }

    /** Hands over the last rows, and waits until they are stored. */
    void finish() {
      if (!batch.isEmpty()) {
        hand(batch);
      }
      hand(END);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while importing", e);
      }
    }

    UserTransfer.Counts counts() {
      return new UserTransfer.Counts(users, groups, members);
    }

    void rethrow() {
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** Rows in the input's order, as the store takes them: users, groups, then memberships. */
  static UserTransfer.Batch batchOf(List<Object> rows) {
    List<User> users = new ArrayList<>(rows.size());
    List<Group> groups = new ArrayList<>();
    List<UserTransfer.Member> members = new ArrayList<>();
    for (Object row : rows) {
      if (row instanceof User user) {
        users.add(user);
      } else if (row instanceof Group group) {
        groups.add(group);
      } else {
        members.add((UserTransfer.Member) row);
      }
    }
    return new UserTransfer.Batch(users, groups, members);
  }

  /**
   * Reads every line and checks it; when {@code keepRejected}, keeps each bad line's text for a
   * reject file.
   */
  public static Check check(
      UserTransfer store, Path input, Format format, Instant now, boolean keepRejected)
      throws IOException {
    return check(store, input, format, now, keepRejected, UserImport::hash, null);
  }

  /**
   * {@link #check}, with the hash that emails are first compared by (tests make them meet), and
   * what to hand each user to while no line has been found bad (may be null).
   */
  static Check check(
      UserTransfer store,
      Path input,
      Format format,
      Instant now,
      boolean keepRejected,
      ToLongFunction<String> hashing,
      Consumer<Object> goodSoFar)
      throws IOException {
    Check check = new Check(keepRejected);
    // Sized for the input up front (up to PRESIZED lines): growing doubles a set, and for a
    // moment holds both sizes, which set the check's peak memory.
    int expected = (int) Math.min(estimateLines(input), PRESIZED);
    LongHashSet ids = new LongHashSet(expected);
    // Each email's 64-bit hash and its first line, not the email: a million strings held to the
    // end cost more in garbage collection than the rest of the check. Lines whose hashes meet are
    // compared by their emails afterwards.
    LongLongHashMap emails = new LongLongHashMap(expected);
    LongObjectHashMap<LongArrayList> meeting = new LongObjectHashMap<>();
    Groups groups = new Groups(store, check);
    Asked<Long> askedIds = new Asked<>(store::existingIds, "id", "exists already in the store");
    Asked<String> askedEmails =
        new Asked<>(store::existingEmails, "email", "exists already in the store");
    try (Parsed lines = new Parsed(input, format, now, null)) {
      if (lines.headerError != null) {
        check.lines++;
        check.bad(1, "header", lines.headerError, null);
        return check;
      }
      for (Parsed.Line line = lines.next(); line != null; line = lines.next()) {
        check.lines++;
        String text = check.keeps() ? line.text : null;
        try {
          if (line.bad != null) {
            throw line.bad;
          }
          if (line.row instanceof User user) {
            if (user.id() != null) {
              long id = user.id().value();
              if (!ids.add(id)) {
                throw new UserLines.BadLine("id", "is given twice in the input");
              }
              askedIds.add(id, line.number, text, check);
            }
            if (user.email().isPresent()) {
              String email = user.email().get().value();
              long hash = hashing.applyAsLong(email);
              int slot = emails.indexOf(hash);
              if (emails.indexExists(slot)) {
                LongArrayList same = meeting.get(hash);
                if (same == null) {
                  same = new LongArrayList();
                  same.add(emails.indexGet(slot));
                  meeting.put(hash, same);
                }
                same.add(line.number);
              } else {
                emails.indexInsert(slot, hash, line.number);
              }
              askedEmails.add(email, line.number, text, check);
            }
          } else if (line.row instanceof Group group) {
            groups.check(group, line.number, text);
          } else {
            groups.check((UserTransfer.Member) line.row, ids, line.number, text);
          }
          if (goodSoFar != null && check.invalid == 0) {
            goodSoFar.accept(line.row);
          }
        } catch (UserLines.BadLine e) {
          check.bad(line.number, e.field, e.getMessage(), line.text);
        }
      }
    }
    askedIds.ask(check);
    askedEmails.ask(check);
    groups.finish();
    if (!meeting.isEmpty()) {
      sameEmails(input, format, now, meeting, check, hashing);
    }
    return check;
  }

  /**
   * The checks of group and membership lines: a group's id and name (ignoring case) are new, in
   * the input and in the store; a membership is new, and its group and user are stored or on a
   * line before it.
   */
  private static final class Groups {
    private final Check check;
    private final LongHashSet ids = new LongHashSet();
    private final java.util.HashMap<String, Long> names = new java.util.HashMap<>();
    private final LongObjectHashMap<LongHashSet> members = new LongObjectHashMap<>();
    private final Asked<Long> takenIds;
    private final Asked<String> takenNames;
    private final Asked<UserTransfer.Member> takenMembers;
    private final Asked<Long> storedGroups;
    private final Asked<Long> storedUsers;

    Groups(UserTransfer store, Check check) {
      this.check = check;
      takenIds = new Asked<>(store::existingGroupIds, "group.id", "exists already in the store");
      takenNames = new Asked<>(
          store::existingGroupNames, "group.name", "exists already in the store, ignoring case");
      takenMembers =
          new Asked<>(store::existingMembers, "membership", "exists already in the store");
      storedGroups = new Asked<>(
          store::existingGroupIds,
          "membership.groupId",
          "names no group that is stored or on a line before it");
      storedGroups.badWhenMissing = true;
      storedUsers = new Asked<>(
          store::existingIds,
          "membership.userId",
          "names no user that is stored or on a line before it");
      storedUsers.badWhenMissing = true;
    }

    void check(Group group, long line, String text) throws UserLines.BadLine {
      long id = group.id().value();
      if (!ids.add(id)) {
        throw new UserLines.BadLine("group.id", "is given twice in the input");
      }
      String key = group.name().searchKey();
      Long first = names.putIfAbsent(key, line);
      if (first != null) {
        throw new UserLines.BadLine(
            "group.name", "is given twice in the input, ignoring case (line " + first + ")");
      }
      takenIds.add(id, line, text, check);
      takenNames.add(key, line, text, check);
    }

    void check(UserTransfer.Member member, LongHashSet users, long line, String text)
        throws UserLines.BadLine {
      LongHashSet ofGroup = members.get(member.group());
      if (ofGroup == null) {
        ofGroup = new LongHashSet();
        members.put(member.group(), ofGroup);
      }
      if (!ofGroup.add(member.user())) {
        throw new UserLines.BadLine("membership", "is given twice in the input");
      }
      check.members++;
      boolean newGroup = ids.contains(member.group());
      boolean newUser = users.contains(member.user());
      if (!newGroup) {
        storedGroups.add(member.group(), line, text, check);
      }
      if (!newUser) {
        storedUsers.add(member.user(), line, text, check);
      }
      if (!newGroup && !newUser) {
        takenMembers.add(member, line, text, check);
      }
    }

    void finish() {
      takenIds.ask(check);
      takenNames.ask(check);
      storedGroups.ask(check);
      storedUsers.ask(check);
      takenMembers.ask(check);
    }
  }

  /** A 64-bit hash of the text: equal texts, equal hashes; different ones meet rarely. */
  static long hash(String text) {
    long hash = 1_125_899_906_842_597L;
    for (int i = 0; i < text.length(); i++) {
      hash = 31 * hash + text.charAt(i);
    }
    return BitMixer.mix64(hash);
  }

  /**
   * Reads the lines whose email hashes met again, and marks each whose email an earlier one gave
   * as given twice.
   */
  private static void sameEmails(
      Path input,
      Format format,
      Instant now,
      LongObjectHashMap<LongArrayList> meeting,
      Check check,
      ToLongFunction<String> hashing)
      throws IOException {
    LongHashSet wanted = new LongHashSet();
    for (var same : meeting.values()) {
      wanted.addAll(same.value);
    }
    java.util.Map<Long, Set<String>> seen = new java.util.HashMap<>();
    try (Parsed lines = new Parsed(input, format, now, null)) {
      for (Parsed.Line line = lines.next(); line != null; line = lines.next()) {
        if (!wanted.contains(line.number)) {
          continue;
        }
        if (!(line.row instanceof User user)) {
          throw new IllegalStateException("the input changed while it was imported");
        }
        String email = user.email().orElseThrow().value();
        if (!seen.computeIfAbsent(hashing.applyAsLong(email), h -> new HashSet<>())
            .add(email)) {
          check.bad(line.number, "email", "is given twice in the input", line.text);
        }
      }
    }
  }

  /**
   * Values waiting to be asked of the store, with their lines, {@link #ASK} at a time: a line is
   * bad when its value is found (taken already), or, when {@link #badWhenMissing}, when it is not.
   */
  private static final class Asked<T> {
    private final java.util.function.Function<List<T>, Set<T>> question;
    private final String field;
    private final String reason;
    boolean badWhenMissing;
    private final List<T> values = new ArrayList<>(ASK);
    private final long[] lines = new long[ASK];
    private final String[] texts = new String[ASK];

    Asked(java.util.function.Function<List<T>, Set<T>> question, String field, String reason) {
      this.question = question;
      this.field = field;
      this.reason = reason;
    }

    /** Adds one, with its line's text for the rejects; asks when the batch is full. */
    void add(T value, long line, String text, Check check) {
      texts[values.size()] = text;
      lines[values.size()] = line;
      values.add(value);
      if (values.size() == ASK) {
        ask(check);
      }
    }

    void ask(Check check) {
      if (values.isEmpty()) {
        return;
      }
      Set<T> found = question.apply(values);
      if (!found.isEmpty() || badWhenMissing) {
        for (int i = 0; i < values.size(); i++) {
          if (found.contains(values.get(i)) != badWhenMissing) {
            check.bad(lines[i], field, reason, texts[i]);
          }
        }
      }
      values.clear();
    }
  }

  /**
   * With some lines rejected, rejects too each membership whose user or group is on a rejected
   * line (unless a good line gave the same id before it): storing it would fail, or join the
   * wrong user.
   */
  private static void rejectOrphans(Path input, Format format, Instant now, Check check)
      throws IOException {
    LongHashSet goodUsers = new LongHashSet();
    LongHashSet badUsers = new LongHashSet();
    LongHashSet goodGroups = new LongHashSet();
    LongHashSet badGroups = new LongHashSet();
    List<long[]> orphans = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    try (Parsed lines = new Parsed(input, format, now, null)) {
      for (Parsed.Line line = lines.next(); line != null; line = lines.next()) {
        boolean bad = check.badLines.contains(line.number);
        if (line.row instanceof User user && user.id() != null) {
          (bad ? badUsers : goodUsers).add(user.id().value());
        } else if (line.row instanceof Group group) {
          (bad ? badGroups : goodGroups).add(group.id().value());
        } else if (!bad && line.row instanceof UserTransfer.Member member) {
          if (!goodGroups.contains(member.group()) && badGroups.contains(member.group())) {
            orphans.add(new long[] {line.number, 0, member.group()});
            texts.add(line.text);
          } else if (!goodUsers.contains(member.user()) && badUsers.contains(member.user())) {
            orphans.add(new long[] {line.number, 1, member.user()});
            texts.add(line.text);
          }
        }
      }
    }
    for (int i = 0; i < orphans.size(); i++) {
      long[] orphan = orphans.get(i);
      boolean group = orphan[1] == 0;
      check.bad(
          orphan[0],
          group ? "membership.groupId" : "membership.userId",
          "names " + (group ? "group " : "user ") + orphan[2] + ", whose line is rejected",
          check.keeps() ? texts.get(i) : null);
    }
  }

  /**
   * Stores every line that {@code check} found good, calling {@code step} after each.
   *
   * @return how many of each were stored
   */
  public static UserTransfer.Counts load(
      UserTransfer store, Path input, Format format, Instant now, Check check, Runnable step)
      throws IOException {
    try (Parsed lines = new Parsed(input, format, now, check.badLines)) {
      return store.importAll(new Iterator<>() {
        private Parsed.Line next = following();

        private Parsed.Line following() {
          try {
            return lines.next();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public UserTransfer.Batch next() {
          if (next == null) {
            throw new NoSuchElementException();
          }
          List<Object> rows = new ArrayList<>(LOAD_BATCH);
          while (next != null && rows.size() < LOAD_BATCH) {
            if (next.bad != null) {
              throw new IllegalStateException("the input changed while it was imported", next.bad);
            }
            rows.add(next.row);
            step.run();
            next = following();
          }
          return batchOf(rows);
        }
      });
    }
  }

  /**
   * The input's data lines (blank ones skipped, after a CSV file's header), in order, parsed and
   * checked off the caller's thread: one thread reads lines and hands them on in batches, two
   * parse the batches, and the caller takes them in order. On two cores this keeps both busy
   * while the caller checks or stores.
   */
  private static final class Parsed implements AutoCloseable {

    /** A data line: its user, group or membership, or why it is bad (with its text). */
    static final class Line {
      final long number;
      final Object row;
      final UserLines.BadLine bad;
      final String text;

      Line(long number, Object row, UserLines.BadLine bad, String text) {
        this.number = number;
        this.row = row;
        this.bad = bad;
        this.text = text;
      }
    }

    private static final int BATCH = 2048;
    private static final Line[] END = new Line[0];

    private final InputLines in;
    private final boolean csv;
    private final Instant now;
    private final LongHashSet skip;
    private final ArrayBlockingQueue<Future<Line[]>> queue = new ArrayBlockingQueue<>(8);
    private final ExecutorService parsers;
    private final Thread reader;
    private int[] header;
    String headerError;
    private Line[] batch = new Line[0];
    private int at;

    /** Reads {@code input}, leaving out the lines numbered in {@code skip} (may be null). */
    Parsed(Path input, Format format, Instant now, LongHashSet skip) throws IOException {
      this.in = new InputLines(Files.newInputStream(input));
      this.csv = format == Format.CSV;
      this.now = now;
      this.skip = skip;
      if (csv) {
        try {
          if (!in.next()) {
            throw new UserLines.BadLine("header", "is missing: the file is empty");
          }
          if (in.error != null) {
            throw new UserLines.BadLine("header", in.error);
          }
          header = UserLines.csvHeader(in.text());
        } catch (UserLines.BadLine e) {
          headerError = e.getMessage();
        }
      }
      parsers = Executors.newFixedThreadPool(2, work -> {
        Thread thread = new Thread(work, "userbase-import-parser");
        thread.setDaemon(true);
        return thread;
      });
      reader = new Thread(this::read, "userbase-import-reader");
      reader.setDaemon(true);
      if (headerError == null) {
        reader.start();
      } else {
        queue.add(CompletableFuture.completedFuture(END));
      }
    }

    /** The reader: lines, a batch at a time, to the parsers, their results queued in order. */
    private void read() {
      try {
        try {
          long[] numbers = new long[BATCH];
          String[] texts = new String[BATCH];
          String[] errors = new String[BATCH];
          int size = 0;
          while (in.next()) {
            if (in.blank() || (skip != null && skip.contains(in.number))) {
              continue;
            }
            numbers[size] = in.number;
            texts[size] = in.text();
            errors[size++] = in.error;
            if (size == BATCH) {
              hand(numbers, texts, errors, size);
              numbers = new long[BATCH];
              texts = new String[BATCH];
              errors = new String[BATCH];
              size = 0;
            }
          }
          hand(numbers, texts, errors, size);
          queue.put(CompletableFuture.completedFuture(END));
        } catch (IOException | RuntimeException e) {
          queue.put(CompletableFuture.failedFuture(e));
        }
      } catch (InterruptedException | java.util.concurrent.RejectedExecutionException e) {
        // closed early: nobody is reading
      }
    }

    private void hand(long[] numbers, String[] texts, String[] errors, int size)
        throws InterruptedException {
      queue.put(parsers.submit(() -> {
        Line[] lines = new Line[size];
        for (int i = 0; i < size; i++) {
          lines[i] = parse(numbers[i], texts[i], errors[i]);
        }
        return lines;
      }));
    }

    private Line parse(long number, String text, String error) {
      try {
        if (error != null) {
          throw new UserLines.BadLine("line", error);
        }
        Object row = csv
            ? UserLines.user(UserLines.parseCsv(header, text), now)
            : UserLines.parseJson(text, now);
        return new Line(number, row, null, text);
      } catch (UserLines.BadLine e) {
        return new Line(number, null, e, text);
      }
    }

    /** The next line, or null at the end. */
    Line next() throws IOException {
      while (at == batch.length) {
        if (batch == END) {
          return null;
        }
        try {
          batch = queue.take().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while importing");
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IllegalStateException("reading the input failed", e.getCause());
        }
        at = 0;
      }
      return batch[at++];
    }

    @Override
    public void close() throws IOException {
      parsers.shutdownNow();
      reader.interrupt();
      try {
        reader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      in.close();
    }
  }
}
