package dev.userbase.domain;

import java.util.Optional;

/**
 * One page of users in id order: those after {@code after} (exclusive), optionally only the one
 * with a given email, at most {@code limit} of them.
 */
public record UserQuery(
    Optional<UserId> after, Optional<Email> email, Optional<String> namePrefix, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public UserQuery {
    after = after == null ? Optional.empty() : after;
    email = email == null ? Optional.empty() : email;
    namePrefix = namePrefix == null ? Optional.empty() : namePrefix;
    namePrefix.flatMap(UserQuery::namePrefixProblem).ifPresent(problem -> {
      throw new InvalidValueException("name", problem);
    });
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT);
    }
  }

  public UserQuery(Optional<UserId> after, Optional<Email> email, int limit) {
    this(after, email, Optional.empty(), limit);
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

  /** The next page of the same query, after this id. */
  public UserQuery after(UserId last) {
    return new UserQuery(Optional.of(last), email, namePrefix, limit);
  }

  /** The id the page starts after; 0 before the first user. */
  public long afterId() {
    return after.map(UserId::value).orElse(0L);
  }
}
