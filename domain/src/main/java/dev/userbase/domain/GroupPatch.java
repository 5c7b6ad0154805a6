package dev.userbase.domain;

import java.time.Clock;
import java.util.Optional;

/**
 * A partial change of a group (a merge patch): a field left out stays; a description given as null
 * is removed. A group always has a name, so a patch cannot remove it.
 */
public record GroupPatch(
    Optional<GroupName> name, Optional<Optional<GroupDescription>> description) {

  public GroupPatch {
    name = name == null ? Optional.empty() : name;
    description = description == null ? Optional.empty() : description;
  }

  public boolean isEmpty() {
    return name.isEmpty() && description.isEmpty();
  }

  Group applyTo(Group current, Clock clock) {
    return current.change(
        name.orElse(current.name()), description.orElse(current.description()).orElse(null), clock);
  }
}
