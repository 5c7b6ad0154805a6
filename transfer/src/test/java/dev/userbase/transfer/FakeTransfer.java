package dev.userbase.transfer;

import dev.userbase.domain.Group;
import dev.userbase.domain.ImportConflictException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserTransfer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A store for the engine's tests: it holds what it is given, in order, and answers the checks'
 * questions from it; when {@link #staging}, it also takes a whole import in one transaction.
 */
class FakeTransfer implements UserTransfer {
  final List<User> stored = new ArrayList<>();
  final List<Group> groups = new ArrayList<>();
  final List<Member> members = new ArrayList<>();
  private boolean stages;
  long imported;
  boolean committed;
  int closedStagings;
  /** The staged row (counting from 1) that is refused as taken, 0 for none. */
  int refuseAt;

  FakeTransfer staging() {
    stages = true;
    return this;
  }

  @Override
  public Counts exportAll(Sink sink) {
    stored.forEach(sink::user);
    groups.forEach(sink::group);
    members.forEach(sink::member);
    return new Counts(stored.size(), groups.size(), members.size());
  }

  private static <T, K> Set<K> found(
      Collection<K> asked, List<T> rows, java.util.function.Function<T, K> key) {
    Set<K> held = rows.stream().map(key).collect(Collectors.toSet());
    Set<K> found = new HashSet<>(asked);
    found.retainAll(held);
    return found;
  }

  @Override
  public Set<Long> existingIds(Collection<Long> ids) {
    return found(ids, stored, user -> user.id() == null ? null : user.id().value());
  }

  @Override
  public Set<String> existingEmails(Collection<String> emails) {
    return found(emails, stored, user -> user.email().map(e -> e.value()).orElse(null));
  }

  @Override
  public Set<Long> existingGroupIds(Collection<Long> ids) {
    return found(ids, groups, group -> group.id().value());
  }

  @Override
  public Set<String> existingGroupNames(Collection<String> nameKeys) {
    return found(nameKeys, groups, group -> group.name().searchKey());
  }

  @Override
  public Set<Member> existingMembers(Collection<Member> asked) {
    return found(asked, members, member -> member);
  }

  private void keep(Batch batch) {
    stored.addAll(batch.users());
    groups.addAll(batch.groups());
    members.addAll(batch.members());
  }

  @Override
  public Counts importAll(Iterator<Batch> batches) {
    long users = 0;
    long groupCount = 0;
    long memberCount = 0;
    while (batches.hasNext()) {
      Batch batch = batches.next();
      keep(batch);
      imported += batch.size();
      users += batch.users().size();
      groupCount += batch.groups().size();
      memberCount += batch.members().size();
    }
    return new Counts(users, groupCount, memberCount);
  }

  @Override
  public Optional<Staging> stageAll() {
    if (!stages) {
      return Optional.empty();
    }
    List<Batch> staged = new ArrayList<>();
    int[] rows = {0};
    return Optional.of(new Staging() {
      @Override
      public void add(Batch batch) {
        if (refuseAt > 0 && rows[0] < refuseAt && rows[0] + batch.size() >= refuseAt) {
          throw new ImportConflictException("row " + refuseAt + " was taken");
        }
        rows[0] += batch.size();
        staged.add(batch);
      }

      @Override
      public void commit() {
        staged.forEach(FakeTransfer.this::keep);
        committed = true;
      }

      @Override
      public void close() {
        closedStagings++;
      }
    });
  }

  @Override
  public void close() {}
}
