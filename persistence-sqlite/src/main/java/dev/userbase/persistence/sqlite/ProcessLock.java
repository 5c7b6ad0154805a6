package dev.userbase.persistence.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An operating-system lock on {@code <database>.lock}, held by the server for as long as it has the
 * database open: a second server on the same file, or a restore under a running one, is refused
 * instead of corrupting what the first one does. The lock goes with the process, even on SIGKILL.
 */
final class ProcessLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private ProcessLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static Path lockFile(Path database) {
    return database.resolveSibling(database.getFileName() + ".lock");
  }

  /** The lock, or null when another process (or another store in this one) holds it. */
  static ProcessLock tryAcquire(Path database) throws IOException {
    FileChannel channel =
        FileChannel.open(lockFile(database), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new ProcessLock(channel, lock);
      }
    } catch (OverlappingFileLockException heldInThisProcess) {
      // fall through: it is in use
    }
    channel.close();
    return null;
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the process is closing the store; the lock goes with the channel
    }
  }
}
