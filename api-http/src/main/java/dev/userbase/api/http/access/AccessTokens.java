package dev.userbase.api.http.access;

import dev.userbase.access.TokensFile;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens in force, from the file named by {@code userbase.auth.tokens-file}. A bad file stops
 * the start; afterwards the file is read again whenever its bytes change (polled, so an edit in
 * place and a rename over it both count), and a bad change is logged while the last good tokens
 * stay in force.
 */
@Context
@Requires(property = AccessSettings.TOKENS_FILE)
public final class AccessTokens {

  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);

  private final Path file;
  private final ScheduledExecutorService poller;
  private volatile TokensFile.Tokens tokens;
  private byte[] lastBytes;

  AccessTokens(AccessSettings settings) {
    this.file = Path.of(settings.tokensFile()).toAbsolutePath().normalize();
    this.lastBytes = bytes().orElse(null);
    this.tokens = TokensFile.read(this.file);
    LOG.info("{} tokens from {}", tokens.size(), this.file);
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "tokens-file-poll");
      thread.setDaemon(true);
      return thread;
    });
    long every = Math.max(1, settings.tokensFilePoll().toMillis());
    poller.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
  }

  /** The token's entry, when the token is in force. */
  public Optional<TokensFile.Entry> find(String token) {
    return tokens.find(token);
  }

  public Path file() {
    return file;
  }

  /** Reads the file again when its bytes changed since the last reading. */
  void reloadIfChanged() {
    try {
      Optional<byte[]> now = bytes();
      if (now.isEmpty()) {
        if (lastBytes != null) {
          LOG.error(
              "tokens file {} is gone; the {} tokens read last stay in force", file, tokens.size());
          lastBytes = null;
        }
        return;
      }
      if (Arrays.equals(now.get(), lastBytes)) {
        return;
      }
      lastBytes = now.get();
      TokensFile.Tokens read = TokensFile.read(file);
      int before = tokens.size();
      tokens = read;
      LOG.info("tokens file {} changed: {} tokens in force (were {})", file, read.size(), before);
    } catch (TokensFile.MalformedException e) {
      LOG.error("{}; the {} tokens read last stay in force", e.getMessage(), tokens.size());
    } catch (RuntimeException e) {
      LOG.error("tokens file {} could not be read again: {}", file, e.toString());
    }
  }

  private Optional<byte[]> bytes() {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @PreDestroy
  void stop() {
    poller.shutdownNow();
  }
}
