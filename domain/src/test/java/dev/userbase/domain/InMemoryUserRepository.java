package dev.userbase.domain;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory fake of the repository port, held to the same contract as the real adapters. */
public final class InMemoryUserRepository implements UserRepository {

  private final TreeMap<Long, User> rows = new TreeMap<>();
  private long lastId;

  @Override
  public synchronized User insert(User newUser) {
    newUser.email().ifPresent(email -> checkEmailFree(email, 0));
    User stored = newUser.withId(new UserId(++lastId));
    rows.put(stored.id().value(), stored);
    return stored;
  }

  @Override
  public synchronized Optional<User> findById(UserId id) {
    return Optional.ofNullable(rows.get(id.value()));
  }

  @Override
  public synchronized List<User> list(long afterId, Optional<Email> email, int limit) {
    return rows.tailMap(afterId, false).values().stream()
        .filter(user -> email.isEmpty() || email.equals(user.email()))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<User> search(
      String nameKeyPrefix, Optional<Email> email, Optional<SearchCursor> after, int limit) {
    return rows.values().stream()
        .filter(user -> email.isEmpty() || email.equals(user.email()))
        .filter(user -> user.name().searchKey().startsWith(nameKeyPrefix))
        .filter(user -> after.isEmpty()
            || after.get().isBefore(user.name().searchKey(), user.id().value()))
        .sorted((x, y) -> {
          int order = SearchCursor.compareKeys(x.name().searchKey(), y.name().searchKey());
          return order != 0 ? order : Long.compare(x.id().value(), y.id().value());
        })
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean update(User changed) {
    User stored = rows.get(changed.id().value());
    if (stored == null || stored.version() != changed.version() - 1) {
      return false;
    }
    changed.email().ifPresent(email -> checkEmailFree(email, changed.id().value()));
    rows.put(changed.id().value(), changed);
    return true;
  }

  @Override
  public synchronized boolean delete(UserId id, long version) {
    User stored = rows.get(id.value());
    return stored != null && stored.version() == version && rows.remove(id.value()) != null;
  }

  @Override
  public synchronized boolean delete(UserId id) {
    return rows.remove(id.value()) != null;
  }

  private void checkEmailFree(Email email, long ownerId) {
    for (User user : rows.values()) {
      if (user.id().value() != ownerId && user.email().equals(Optional.of(email))) {
        throw new EmailAlreadyTakenException(email);
      }
    }
  }
}
