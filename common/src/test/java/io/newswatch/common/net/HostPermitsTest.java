package io.newswatch.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostPermitsTest {

  @Test
  void eachHostHasItsOwnPermitsWhateverTheCase() throws Exception {
    HostPermits permits = new HostPermits(2);

    HostPermits.Permit first = permits.tryAcquire("News.Example.org");
    HostPermits.Permit second = permits.acquire("news.example.org", Duration.ZERO);
    assertThat(first).isNotNull();
    assertThat(second).isNotNull();
    assertThat(permits.tryAcquire("NEWS.example.org")).isNull();
    assertThat(permits.acquire("news.example.org", Duration.ofMillis(20))).isNull();
    assertThat(permits.available("news.example.org")).isZero();
    assertThat(permits.tryAcquire("other.example.org")).isNotNull();

    first.close();
    assertThat(permits.available("news.example.org")).isEqualTo(1);
    assertThat(permits.tryAcquire("news.example.org")).isNotNull();
    assertThat(permits.available("never.example.org")).isEqualTo(2);
  }

  @Test
  void atLeastOnePermitPerHost() {
    assertThatThrownBy(() -> new HostPermits(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
