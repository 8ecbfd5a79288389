package io.newswatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThreadSharesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "main                 | generator and observer",
        "alert-observer       | generator and observer",
        "kafka-producer-      | generator and observer",
        "data-plane-kafk      | broker",
        "ExpirationReape      | broker",
        "group-coordinat      | broker",
        "kafka-admin-cli      | broker",
        "mainly-broker        | broker",
        "GC Thread#0          | JVM (GC, JIT)",
        "G1 Refine#0          | JVM (GC, JIT)",
        "C2 CompilerThre      | JVM (GC, JIT)",
        "VM Thread            | JVM (GC, JIT)",
      })
  void threadsBelongToTheirShare(String thread, String share) {
    assertThat(ThreadShares.shareOf(thread)).isEqualTo(share);
  }

  @Test
  void theBrokerGetsWhatTheOthersDidNotUse() {
    assumeThat(Files.isDirectory(Path.of("/proc/self/task"))).isTrue();

    Map<String, Double> shares = ThreadShares.cpuSeconds(1_000_000);

    assertThat(shares)
        .containsOnlyKeys(ThreadShares.BROKER, ThreadShares.JVM, ThreadShares.HARNESS);
    assertThat(shares.get(ThreadShares.JVM)).isPositive(); // this JVM compiled and collected
    assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1_000_000, org.assertj.core.data.Offset.offset(1e-6));
  }
}
