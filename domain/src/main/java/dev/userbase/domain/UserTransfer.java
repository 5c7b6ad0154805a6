package dev.userbase.domain;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Outgoing port for moving users, groups and memberships in bulk, from a command line beside (or
 * without) a running server: everything out from one snapshot, and many in, ids, versions and
 * times kept.
 */
public interface UserTransfer extends AutoCloseable {

  /** A membership: the ids of a group and of a user in it. */
  record Member(long group, long user) {}

  /** How many of each were moved. */
  record Counts(long users, long groups, long members) {

    /** Every row, of any kind. */
    public long rows() {
      return users + groups + members;
    }
  }

  /** What an export hands its rows to, in this order: users, then groups, then memberships. */
  interface Sink {
    void user(User user);

    void group(Group group);

    void member(Member member);
  }

  /**
   * Rows stored together, in this order: the users, then the groups, then the memberships. A
   * membership's user and group are stored already, or come before it in the batch.
   */
  record Batch(List<User> users, List<Group> groups, List<Member> members) {

    public Batch {
      users = List.copyOf(users);
      groups = List.copyOf(groups);
      members = List.copyOf(members);
    }

    /** A batch of users only. */
    public static Batch of(List<User> users) {
      return new Batch(users, List.of(), List.of());
    }

    public int size() {
      return users.size() + groups.size() + members.size();
    }
  }

  /**
   * Hands everything to {@code sink}, all read from one consistent snapshot even while others
   * write: every user in ascending id order, then every group by id, then every membership by
   * group and user. Holds only a batch of rows at a time.
   *
   * @return how many of each there were
   */
  Counts exportAll(Sink sink);

  /** Which of these user ids are taken already. */
  Set<Long> existingIds(Collection<Long> ids);

  /** Which of these emails are taken already. */
  Set<String> existingEmails(Collection<String> emails);

  /** Which of these group ids are taken already. */
  Set<Long> existingGroupIds(Collection<Long> ids);

  /** Which of these group name keys ({@link GroupName#searchKey}) are taken already. */
  Set<String> existingGroupNames(Collection<String> nameKeys);

  /** Which of these memberships are stored already. */
  Set<Member> existingMembers(Collection<Member> members);

  /**
   * Stores the rows as they are, a batch after another: a user with an id keeps it; one without
   * gets the next. After it, a new user or group gets an id above every imported one.
   *
   * @return how many of each were stored
   * @throws ImportConflictException if a row was refused because another writer changed the
   *     store meanwhile (what was stored in earlier transactions stays)
   */
  Counts importAll(Iterator<Batch> batches);

  /**
   * One transaction for a whole import, when the store can hold it open without keeping other
   * writers waiting for it: rows go in while the input is still being checked, and are kept only
   * if it passes. Empty when others may be writing meanwhile; {@link #importAll} then stores the
   * checked rows in transactions short enough for them.
   */
  default Optional<Staging> stageAll() {
    return Optional.empty();
  }

  /** Rows stored together, or not at all: closing it before {@link #commit} stores none. */
  interface Staging extends AutoCloseable {

    /**
     * Adds rows to the transaction, as {@link #importAll} stores them.
     *
     * @throws ImportConflictException if the store refuses one
     */
    void add(Batch batch);

    /** Makes everything added durable; after it, new rows get ids above the imported ones. */
    void commit();

    /** Rolls back what is not committed, and lets other writers in again. */
    @Override
    void close();
  }

  @Override
  void close();
}
