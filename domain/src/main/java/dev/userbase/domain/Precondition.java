package dev.userbase.domain;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a write asks of the user's current version before it may happen (the domain's reading of
 * RFC 9110's If-Match): nothing; that the user exists; or that its version is one of a set, which
 * may be empty (a request that named only weak tags, which never match).
 */
public final class Precondition {

  private static final Precondition NONE = new Precondition(false, null);
  private static final Precondition EXISTS = new Precondition(true, null);

  private final boolean given;
  private final Set<Long> versions;

  private Precondition(boolean given, Set<Long> versions) {
    this.given = given;
    this.versions = versions;
  }

  /** No precondition: the last write wins. */
  public static Precondition none() {
    return NONE;
  }

  /** {@code If-Match: *}: any current version. */
  public static Precondition exists() {
    return EXISTS;
  }

  /** The version must be one of these; an empty set matches nothing. */
  public static Precondition versionIn(Set<Long> versions) {
    return new Precondition(true, Set.copyOf(versions));
  }

  public static Precondition version(long version) {
    return versionIn(Set.of(version));
  }

  /** Whether the client sent a precondition at all. */
  public boolean isGiven() {
    return given;
  }

  /** Whether a user at this version meets it. */
  public boolean holdsFor(long version) {
    return versions == null || versions.contains(version);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Precondition that
        && given == that.given
        && java.util.Objects.equals(versions, that.versions);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(given, versions);
  }

  @Override
  public String toString() {
    if (!given) {
      return "none";
    }
    if (versions == null) {
      return "any version";
    }
    if (versions.isEmpty()) {
      return "no version";
    }
    return "version "
        + new TreeSet<>(versions).stream().map(String::valueOf).collect(Collectors.joining(" or "));
  }
}
