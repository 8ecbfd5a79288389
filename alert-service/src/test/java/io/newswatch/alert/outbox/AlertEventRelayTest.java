package io.newswatch.alert.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertEventRelayTest {

  @Test
  void backsOffExponentiallyUpToAMinuteWhileKafkaFails() {
    assertThat(AlertEventRelay.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(AlertEventRelay.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(AlertEventRelay.backoff(6)).isEqualTo(Duration.ofSeconds(32));
    assertThat(AlertEventRelay.backoff(7)).isEqualTo(Duration.ofMinutes(1));
    assertThat(AlertEventRelay.backoff(1_000)).isEqualTo(Duration.ofMinutes(1));
  }
}
