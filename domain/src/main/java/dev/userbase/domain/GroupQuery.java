package dev.userbase.domain;

import java.util.Optional;

/**
 * One page of groups, at most {@code limit} of them: in id order, those after {@code after}
 * (exclusive); or those whose name starts with {@code namePrefix} ignoring case, in the order of
 * the name's search key, those after {@code searchAfter}.
 */
public record GroupQuery(
    Optional<GroupId> after,
    Optional<String> namePrefix,
    int limit,
    Optional<SearchCursor> searchAfter) {

  public GroupQuery {
    after = after == null ? Optional.empty() : after;
    namePrefix = namePrefix == null ? Optional.empty() : namePrefix;
    searchAfter = searchAfter == null ? Optional.empty() : searchAfter;
    namePrefix.flatMap(GroupQuery::namePrefixProblem).ifPresent(problem -> {
      throw new InvalidValueException("name", problem);
    });
    if (namePrefix.isPresent() ? after.isPresent() : searchAfter.isPresent()) {
      throw new IllegalArgumentException("a search pages by cursor, a list by id");
    }
    if (limit < 1 || limit > UserQuery.MAX_LIMIT) {
      throw new InvalidValueException("limit", "must be between 1 and " + UserQuery.MAX_LIMIT);
    }
  }

  /** What is wrong with {@code prefix} as a group name to search by, if anything. */
  public static Optional<String> namePrefixProblem(String prefix) {
    return UserQuery.prefixProblem(prefix, GroupName.MAX_LENGTH);
  }

  public GroupQuery(Optional<GroupId> after, Optional<String> namePrefix, int limit) {
    this(after, namePrefix, limit, Optional.empty());
  }

  /** The id the page starts after; 0 before the first group. */
  public long afterId() {
    return after.map(GroupId::value).orElse(0L);
  }
}
