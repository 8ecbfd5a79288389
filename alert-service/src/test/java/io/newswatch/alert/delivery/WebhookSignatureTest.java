package io.newswatch.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsLikeTheStandardWebhooksExample() {
    // The example of the Standard Webhooks specification (id, timestamp, payload, secret).
    assertThat(
            WebhookSignature.sign(
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, BODY, List.of(SECRET)))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void duringARotationBothSecretsSignAndEachVerifies() {
    String next = WebhookReceiver.newSecret();
    String header = WebhookSignature.sign("msg_1", 1700000000, BODY, List.of(next, SECRET));

    assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
    assertThat(WebhookSignature.verify("msg_1", 1700000000, BODY, header, next)).isTrue();
    assertThat(WebhookSignature.verify("msg_1", 1700000000, BODY, header, SECRET)).isTrue();
    assertThat(
            WebhookSignature.verify("msg_1", 1700000000, BODY, header, WebhookReceiver.newSecret()))
        .isFalse();
  }

  @Test
  void aChangedBodyIdOrTimestampFailsVerification() {
    String header = WebhookSignature.sign("msg_1", 1700000000, BODY, List.of(SECRET));

    assertThat(WebhookSignature.verify("msg_2", 1700000000, BODY, header, SECRET)).isFalse();
    assertThat(WebhookSignature.verify("msg_1", 1700000001, BODY, header, SECRET)).isFalse();
    assertThat(WebhookSignature.verify("msg_1", 1700000000, "{}".getBytes(), header, SECRET))
        .isFalse();
    assertThat(WebhookSignature.verify("msg_1", 1700000000, BODY, "v1,bm90IGJhc2U2NA==", SECRET))
        .isFalse();
    assertThat(WebhookSignature.verify("msg_1", 1700000000, BODY, "v1,%%%", SECRET)).isFalse();
  }

  @Test
  void secretsMustBeWhsecWithEnoughRandomBytes() {
    assertThat(WebhookSignature.problem(SECRET)).isEmpty();
    assertThat(WebhookSignature.problem("hunter2")).get().asString().contains("whsec_");
    assertThat(WebhookSignature.problem("whsec_%%%")).get().asString().contains("base64");
    assertThat(WebhookSignature.problem("whsec_c2hvcnQ=")).get().asString().contains("has 5");
    assertThat(WebhookSignature.problem(null)).isPresent();
  }
}
