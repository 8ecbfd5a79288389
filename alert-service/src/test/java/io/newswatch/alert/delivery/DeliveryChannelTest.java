package io.newswatch.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.newswatch.common.net.AllowList;
import io.newswatch.common.net.UrlGuard;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryChannelTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final UrlGuard GUARD =
      new UrlGuard(AllowList.none(), host -> List.of(InetAddress.getByName("93.184.216.34")));

  private static List<JsonNode> channels(String json) throws Exception {
    List<JsonNode> list = new ArrayList<>();
    JSON.readTree(json).forEach(list::add);
    return list;
  }

  @Test
  void validChannelsAreStoredNormalised() throws Exception {
    List<DeliveryChannel.Invalid> problems = new ArrayList<>();
    ArrayNode stored =
        DeliveryChannel.normalise(
            channels(
                "[{\"type\": \"webhook\", \"url\": \" HTTPS://Hooks.Example.org/x \", \"secret\": \""
                    + SECRET
                    + "\"}, {\"type\": \"email\", \"to\": [\" desk@example.org\"]}]"),
            null,
            GUARD,
            problems);

    assertThat(problems).isEmpty();
    List<DeliveryChannel> read = DeliveryChannel.read(stored);
    assertThat(read.get(0))
        .isEqualTo(
            new DeliveryChannel.Webhook(
                "https://hooks.example.org/x",
                SECRET,
                null,
                DeliveryChannel.Format.STANDARD,
                null));
    assertThat(read.get(1)).isEqualTo(new DeliveryChannel.Email(List.of("desk@example.org"), null));
    assertThat(read.get(1).endpoint()).isEqualTo("smtp");
  }

  @Test
  void eachBadFieldIsNamedWithTheReason() throws Exception {
    List<DeliveryChannel.Invalid> problems = new ArrayList<>();
    DeliveryChannel.normalise(
        channels(
            "[{\"type\": \"webhook\", \"url\": \"http://10.0.0.7/hook\", \"secret\": \""
                + SECRET
                + "\"},"
                + " {\"type\": \"webhook\", \"url\": \"https://ok.example.org/\", \"secret\": \"pw\"},"
                + " {\"type\": \"webhook\", \"url\": \"https://ok.example.org/2\"},"
                + " {\"type\": \"webhook\", \"url\": \"https://ok.example.org/3\", \"secret\": \""
                + SECRET
                + "\", \"format\": \"teams\"},"
                + " {\"type\": \"email\", \"to\": [\"not an address\"]},"
                + " {\"type\": \"email\", \"to\": []},"
                + " {\"type\": \"email\", \"to\": [\"a@example.org\"], \"cc\": 1},"
                + " {\"type\": \"pigeon\"}, 7]"),
        null,
        GUARD,
        problems);

    assertThat(problems)
        .extracting(DeliveryChannel.Invalid::field)
        .containsExactly(
            "channels[0].url",
            "channels[1].secret",
            "channels[2].secret",
            "channels[3].format",
            "channels[4].to[0]",
            "channels[5].to",
            "channels[6].cc",
            "channels[7].type",
            "channels[8]");
    assertThat(problems.get(0).message()).contains("private");
  }

  @Test
  void aMaskedSecretKeepsTheStoredOneAndTheViewNeverShowsIt() throws Exception {
    List<DeliveryChannel.Invalid> problems = new ArrayList<>();
    ArrayNode before =
        DeliveryChannel.normalise(
            channels(
                "[{\"type\": \"webhook\", \"url\": \"https://hooks.example.org/x\", \"secret\": \""
                    + SECRET
                    + "\"}]"),
            null,
            GUARD,
            problems);
    JsonNode shown = DeliveryChannel.masked(before);
    assertThat(shown.toString()).doesNotContain(SECRET).contains(DeliveryChannel.MASK);

    List<JsonNode> resent = new ArrayList<>();
    shown.forEach(resent::add);
    ArrayNode after = DeliveryChannel.normalise(resent, before, GUARD, problems);
    assertThat(problems).isEmpty();
    assertThat(((DeliveryChannel.Webhook) DeliveryChannel.read(after).get(0)).secret())
        .isEqualTo(SECRET);
  }

  @Test
  void aDisabledChannelStaysDisabledUntilTheMarkIsLeftOut() throws Exception {
    List<DeliveryChannel.Invalid> problems = new ArrayList<>();
    ArrayNode stored =
        DeliveryChannel.normalise(
            channels("[{\"type\": \"email\", \"to\": [\"a@example.org\"]}]"),
            null,
            GUARD,
            problems);
    ArrayNode disabled = DeliveryChannel.disable(stored, "email", "a@example.org", "gone");
    assertThat(DeliveryChannel.read(disabled).get(0).disabled()).isEqualTo("gone");

    List<JsonNode> resent = new ArrayList<>();
    disabled.forEach(resent::add);
    assertThat(
            DeliveryChannel.read(DeliveryChannel.normalise(resent, disabled, GUARD, problems))
                .get(0)
                .disabled())
        .isEqualTo("gone");
    assertThat(
            DeliveryChannel.read(
                    DeliveryChannel.normalise(
                        channels("[{\"type\": \"email\", \"to\": [\"a@example.org\"]}]"),
                        disabled,
                        GUARD,
                        problems))
                .get(0)
                .disabled())
        .isNull();
    assertThat(problems).isEmpty();
  }

  @Test
  void theSameChannelTwiceIsRefused() throws Exception {
    List<DeliveryChannel.Invalid> problems = new ArrayList<>();
    DeliveryChannel.normalise(
        channels(
            "[{\"type\": \"email\", \"to\": [\"a@example.org\"]}, {\"type\": \"email\", \"to\": [\"a@example.org\"]}]"),
        null,
        GUARD,
        problems);
    assertThat(problems).extracting(DeliveryChannel.Invalid::field).containsExactly("channels[1]");
  }
}
