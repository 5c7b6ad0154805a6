package dev.userbase.domain;

import java.util.Optional;

/**
 * One page of users, at most {@code limit} of them, optionally only the one with a given email:
 * in id order, those after {@code after} (exclusive); or, with a name to search by, in the order
 * of the name's search key and then id, those after {@code searchAfter}.
 */
public record UserQuery(
    Optional<UserId> after,
    Optional<Email> email,
    Optional<String> namePrefix,
    int limit,
    Optional<SearchCursor> searchAfter) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public UserQuery {
    after = after == null ? Optional.empty() : after;
    email = email == null ? Optional.empty() : email;
    namePrefix = namePrefix == null ? Optional.empty() : namePrefix;
    searchAfter = searchAfter == null ? Optional.empty() : searchAfter;
    namePrefix.flatMap(UserQuery::namePrefixProblem).ifPresent(problem -> {
      throw new InvalidValueException("name", problem);
    });
    if (namePrefix.isPresent() ? after.isPresent() : searchAfter.isPresent()) {
      throw new IllegalArgumentException("a search pages by cursor, a list by id");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT);
    }
  }

  public UserQuery(Optional<UserId> after, Optional<Email> email, int limit) {
    this(after, email, Optional.empty(), limit, Optional.empty());
  }

  public UserQuery(
      Optional<UserId> after, Optional<Email> email, Optional<String> namePrefix, int limit) {
    this(after, email, namePrefix, limit, Optional.empty());
  }

  /**
   * What is wrong with {@code prefix} as a name to search by, if anything. A control character
   * can be in no name (and PostgreSQL cannot hold U+0000 at all), so it is refused, not searched.
   */
  public static Optional<String> namePrefixProblem(String prefix) {
    return prefixProblem(prefix, UserName.MAX_LENGTH);
  }

  /** As {@link #namePrefixProblem}, for names of at most {@code maxLength} characters. */
  static Optional<String> prefixProblem(String prefix, int maxLength) {
    int length = prefix.codePointCount(0, prefix.length());
    if (length < 1 || length > maxLength) {
      return Optional.of("must be 1 to " + maxLength + " characters to search by");
    }
    if (prefix.codePoints().anyMatch(Character::isISOControl)) {
      return Optional.of("must not contain control characters to search by");
    }
    return Optional.empty();
  }

  /** The next page of the same query, after this user. */
  public UserQuery after(User last) {
    if (namePrefix.isPresent()) {
      SearchCursor cursor = new SearchCursor(last.name().searchKey(), last.id().value());
      return new UserQuery(Optional.empty(), email, namePrefix, limit, Optional.of(cursor));
    }
    return new UserQuery(Optional.of(last.id()), email, namePrefix, limit, Optional.empty());
  }

  /** Where the page starts, as a link spells it: an id, or a search's cursor. */
  public Optional<String> afterToken() {
    return searchAfter.isPresent()
        ? searchAfter.map(SearchCursor::encode)
        : after.map(id -> Long.toString(id.value()));
  }

  /** The id the page starts after; 0 before the first user. */
  public long afterId() {
    return after.map(UserId::value).orElse(0L);
  }
}
