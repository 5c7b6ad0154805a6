package dev.userbase.domain;

import java.util.List;
import java.util.Optional;

/** A page of users and, when more follow, the query for the next page. */
public record UserPage(List<User> items, Optional<UserQuery> next) {

  public UserPage {
    items = List.copyOf(items);
  }
}
