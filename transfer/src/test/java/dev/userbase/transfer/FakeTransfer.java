package dev.userbase.transfer;

import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserTransfer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A store for the engine's tests: it holds nothing at first, and keeps what it is given; when
 * {@link #staging}, it also takes a whole import in one transaction.
 */
class FakeTransfer implements UserTransfer {
  final List<User> stored = new ArrayList<>();
  private boolean stages;
  long imported;
  boolean committed;
  int closedStagings;
  /** The staged user (counting from 1) that is refused as taken, 0 for none. */
  int refuseAt;

  FakeTransfer staging() {
    stages = true;
    return this;
  }

  @Override
  public long exportAll(Consumer<User> each) {
    stored.forEach(each);
    return stored.size();
  }

  @Override
  public Set<Long> existingIds(Collection<Long> ids) {
    return Set.of();
  }

  @Override
  public Set<String> existingEmails(Collection<String> emails) {
    return Set.of();
  }

  @Override
  public long importAll(Iterator<User> users) {
    users.forEachRemaining(user -> {
      stored.add(user);
      imported++;
    });
    return stored.size();
  }

  @Override
  public Optional<Staging> stageAll() {
    if (!stages) {
      return Optional.empty();
    }
    List<User> staged = new ArrayList<>();
    return Optional.of(new Staging() {
      @Override
      public void add(List<User> users) {
        for (User user : users) {
          if (staged.size() + 1 == refuseAt) {
            throw new EmailAlreadyTakenException(null);
          }
          staged.add(user);
        }
      }

      @Override
      public void commit() {
        stored.addAll(staged);
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
