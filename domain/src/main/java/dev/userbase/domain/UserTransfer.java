package dev.userbase.domain;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Outgoing port for moving users in bulk, from a command line beside (or without) a running
 * server: every user out in id order from one snapshot, and many in, ids, versions and times
 * kept.
 */
public interface UserTransfer extends AutoCloseable {

  /**
   * Hands every user to {@code each}, in ascending id order, all read from one consistent
   * snapshot even while others write; holds only a batch of rows at a time.
   *
   * @return how many there were
   */
  long exportAll(Consumer<User> each);

  /** Which of these ids are taken already. */
  Set<Long> existingIds(Collection<Long> ids);

  /** Which of these emails are taken already. */
  Set<String> existingEmails(Collection<String> emails);

  /**
   * Stores the users as they are: a user with an id keeps it; one without gets the next. After
   * it, a new user gets an id above every imported one.
   *
   * @return how many were stored
   * @throws EmailAlreadyTakenException if an email was taken meanwhile (what was stored in
   *     earlier transactions stays)
   * @throws IdAlreadyTakenException if an id was taken meanwhile (likewise)
   */
  long importAll(Iterator<User> users);

  /**
   * One transaction for a whole import, when the store can hold it open without keeping other
   * writers waiting for it: users go in while the input is still being checked, and are kept only
   * if it passes. Empty when others may be writing meanwhile; {@link #importAll} then stores the
   * checked users in transactions short enough for them.
   */
  default Optional<Staging> stageAll() {
    return Optional.empty();
  }

  /** Users stored together, or not at all: closing it before {@link #commit} stores none. */
  interface Staging extends AutoCloseable {

    /**
     * Adds users to the transaction, as {@link #importAll} stores them.
     *
     * @throws EmailAlreadyTakenException if one's email is taken
     * @throws IdAlreadyTakenException if one's id is taken
     */
    void add(List<User> users);

    /** Makes everything added durable; after it, new users get ids above the imported ones. */
    void commit();

    /** Rolls back what is not committed, and lets other writers in again. */
    @Override
    void close();
  }

  @Override
  void close();
}
