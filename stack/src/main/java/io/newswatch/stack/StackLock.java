package io.newswatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The lock a launcher holds while its stack runs, so that one checkout runs one stack at a time.
 *
 * <p>An operating-system file lock rather than a pid check: the system releases it when the
 * launcher dies, however it dies ({@code kill -9} included), and no other program can hold it by
 * chance, so "is a stack running?" never depends on pids that may have been reused.
 */
public final class StackLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private StackLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file in a state directory. */
  static Path file(Path stateDirectory) {
    return stateDirectory.resolve("stack.lock");
  }

  /** Takes the lock, or returns empty when another process holds it. */
  public static Optional<StackLock> tryAcquire(Path stateDirectory) {
    try {
      Files.createDirectories(stateDirectory);
      FileChannel channel =
          FileChannel.open(
              file(stateDirectory), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // This JVM holds it already.
        lock = null;
      }
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new StackLock(channel, lock));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the lock file in " + stateDirectory, e);
    }
  }

  /** Whether another process holds the lock now, i.e. runs a stack of this checkout. */
  public static boolean isHeld(Path stateDirectory) {
    if (!Files.exists(file(stateDirectory))) {
      return false;
    }
    Optional<StackLock> lock = tryAcquire(stateDirectory);
    lock.ifPresent(StackLock::close);
    return lock.isEmpty();
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The lock goes with the channel, and with the process at the latest.
    }
  }
}
