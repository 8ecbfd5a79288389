package io.newswatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLockTest {

  /** Holds the lock of the directory in args[0] until killed. */
  public static void main(String[] args) throws InterruptedException {
    Optional<StackLock> lock = StackLock.tryAcquire(Path.of(args[0]));
    System.out.println(lock.isPresent() ? "held" : "busy");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  @Test
  void oneHolderAtATime(@TempDir Path directory) {
    assertThat(StackLock.isHeld(directory)).isFalse();

    try (StackLock lock = StackLock.tryAcquire(directory).orElseThrow()) {
      assertThat(StackLock.tryAcquire(directory)).isEmpty();
    }

    assertThat(StackLock.tryAcquire(directory)).isPresent().get().satisfies(StackLock::close);
  }

  @Test
  void anotherProcessSeesTheLockUntilItsHolderIsKilled(@TempDir Path directory) throws Exception {
    Process holder = ChildJvm.of(StackLockTest.class, directory.toString()).start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("held");
      assertThat(StackLock.isHeld(directory)).isTrue();

      holder.destroyForcibly().waitFor();

      assertThat(StackLock.isHeld(directory)).isFalse();
    } finally {
      holder.destroyForcibly();
    }
  }
}
