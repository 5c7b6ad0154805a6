package dev.userbase.api.http.transfer;

import dev.userbase.domain.User;
import dev.userbase.domain.UserTransfer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** A store for the engine's tests: it holds nothing at first, and keeps what it is given. */
class FakeTransfer implements UserTransfer {
  final List<User> stored = new ArrayList<>();

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
    users.forEachRemaining(stored::add);
    return stored.size();
  }

  @Override
  public void close() {}
}
