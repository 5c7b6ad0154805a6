package dev.userbase.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userbase.domain.Email;
import dev.userbase.domain.EmailAlreadyTakenException;
import dev.userbase.domain.IdAlreadyTakenException;
import dev.userbase.domain.User;
import dev.userbase.domain.UserId;
import dev.userbase.domain.UserName;
import dev.userbase.domain.UserRepository;
import dev.userbase.domain.UserTransfer;
import dev.userbase.domain.UserTransfers;
import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's bulk transfer must do, on a real, empty store: export every user as stored,
 * in id order; tell taken ids and emails; import users as they are, ids, versions and times kept,
 * with new users getting ids above them; and say which kind of clash stopped an import. Each
 * store's test extends it.
 */
public abstract class UserTransferContract {

  // Odd milliseconds, and an hour that clocks set back in autumn repeat in many zones.
  private static final Instant CREATED = Instant.parse("2026-11-01T05:30:00.123Z");
  private static final Instant UPDATED = Instant.parse("2026-11-29T10:00:00.987Z");

  private ApplicationContext context;
  protected UserRepository users;
  private UserTransfers transfers;

  /** The settings of an app context on a new, empty store. */
  protected abstract Map<String, Object> newStore() throws Exception;

  /** Releases what {@link #newStore} made, after the context closed. */
  protected void dropStore() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    context = ApplicationContext.run(newStore());
    users = context.getBean(UserRepository.class);
    transfers = context.getBean(UserTransfers.class);
  }

  @AfterEach
  void close() throws Exception {
    context.close();
    dropStore();
  }

  private static User restored(long id, String name, String email, long version) {
    return User.restore(
        new UserId(id),
        UserName.restore(name),
        email == null ? null : Email.restore(email),
        CREATED,
        UPDATED,
        version);
  }

  private List<User> exported() {
    List<User> out = new ArrayList<>();
    try (UserTransfer transfer = transfers.open()) {
      assertThat(transfer.exportAll(out::add)).isEqualTo(out.size());
    }
    return out;
  }

  @Test
  void importKeepsIdsVersionsAndTimesAndExportGivesThemBackInIdOrder() {
    List<User> given = List.of(
        restored(40, "Zoë 🙂 ", "z@example.com", 7),
        restored(3, "Ann", null, 1),
        restored(12, "Bob", "bob@example.com", 2));
    try (UserTransfer transfer = transfers.open()) {
      assertThat(transfer.importAll(given.iterator())).isEqualTo(3);
    }

    assertThat(exported())
        .containsExactly(given.get(1), given.get(2), given.get(0))
        .allSatisfy(user -> assertThat(user.createdAt()).isEqualTo(CREATED));
    assertThat(users.findById(new UserId(40))).contains(given.get(0));
  }

  @Test
  void aNewUserAfterAnImportGetsAnIdAboveEveryImportedOne() {
    try (UserTransfer transfer = transfers.open()) {
      transfer.importAll(List.of(restored(1_000, "Imported", null, 1)).iterator());
    }

    User created = users.insert(User.create(UserName.of("New"), null, Clock.systemUTC()));

    assertThat(created.id().value()).isGreaterThan(1_000);
  }

  @Test
  void importGivesUsersWithoutAnIdTheStoresNext() {
    User existing = users.insert(User.create(UserName.of("First"), null, Clock.systemUTC()));
    User noId = User.create(UserName.of("No id"), null, Clock.systemUTC());
    try (UserTransfer transfer = transfers.open()) {
      assertThat(transfer.importAll(List.of(noId).iterator())).isEqualTo(1);
    }

    assertThat(exported())
        .extracting(u -> u.name().value(), u -> u.id().value() > existing.id().value())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("First", false),
            org.assertj.core.groups.Tuple.tuple("No id", true));
  }

  @Test
  void theChecksTellWhichIdsAndEmailsAreTaken() {
    User stored = users.insert(
        User.create(UserName.of("Stored"), Email.of("taken@example.com"), Clock.systemUTC()));
    try (UserTransfer transfer = transfers.open()) {
      assertThat(transfer.existingIds(List.of(stored.id().value(), 999_999L)))
          .isEqualTo(Set.of(stored.id().value()));
      assertThat(transfer.existingEmails(List.of("taken@example.com", "free@example.com")))
          .isEqualTo(Set.of("taken@example.com"));
      // Exactly as stored: another case, or a trailing space, is another email.
      assertThat(transfer.existingEmails(List.of("Taken@example.com", "taken@example.com ")))
          .isEmpty();
    }
  }

  @Test
  void aTakenEmailStopsTheImportAsSuchAndStoresNothingOfIt() {
    users.insert(
        User.create(UserName.of("Stored"), Email.of("taken@example.com"), Clock.systemUTC()));
    try (UserTransfer transfer = transfers.open()) {
      assertThatThrownBy(() -> transfer.importAll(List.of(
                  restored(500, "Fine", "fine@example.com", 1),
                  restored(501, "Clash", "taken@example.com", 1))
              .iterator()))
          .isInstanceOf(EmailAlreadyTakenException.class);
    }

    assertThat(users.findById(new UserId(500))).isEmpty();
  }

  @Test
  void aTakenIdStopsTheImportAsSuchNotAsATakenEmail() {
    User stored = users.insert(User.create(UserName.of("Stored"), null, Clock.systemUTC()));
    try (UserTransfer transfer = transfers.open()) {
      assertThatThrownBy(() -> transfer.importAll(
              List.of(restored(stored.id().value(), "Clash", "new@example.com", 1))
                  .iterator()))
          .isInstanceOf(IdAlreadyTakenException.class);
    }

    assertThat(users.list(0, Optional.empty(), Optional.empty(), 10))
        .extracting(u -> u.name().value())
        .containsExactly("Stored");
  }

  @Test
  void exportOfAnEmptyStoreGivesNothing() {
    assertThat(exported()).isEmpty();
  }
}
