package dev.userbase.domain;

import java.util.Optional;

/**
 * One page of groups in id order: those after {@code after} (exclusive), optionally only those
 * whose name starts with {@code namePrefix} ignoring case, at most {@code limit} of them.
 */
public record GroupQuery(Optional<GroupId> after, Optional<String> namePrefix, int limit) {

  public GroupQuery {
    after = after == null ? Optional.empty() : after;
    namePrefix = namePrefix == null ? Optional.empty() : namePrefix;
    namePrefix.flatMap(GroupQuery::namePrefixProblem).ifPresent(problem -> {
      throw new InvalidValueException("name", problem);
    });
    if (limit < 1 || limit > UserQuery.MAX_LIMIT) {
      throw new InvalidValueException("limit", "must be between 1 and " + UserQuery.MAX_LIMIT);
    }
  }

  /** What is wrong with {@code prefix} as a group name to search by, if anything. */
  public static Optional<String> namePrefixProblem(String prefix) {
    return UserQuery.prefixProblem(prefix, GroupName.MAX_LENGTH);
  }

  /** The next page of the same query, after this id. */
  public GroupQuery after(long last) {
    return new GroupQuery(Optional.of(new GroupId(last)), namePrefix, limit);
  }

  /** The id the page starts after; 0 before the first group. */
  public long afterId() {
    return after.map(GroupId::value).orElse(0L);
  }
}
