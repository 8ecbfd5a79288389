package io.newswatch.alert.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.common.net.UnsafeUrlException;
import io.newswatch.common.net.UrlGuard;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A place alerts of a subscription go besides the owner's live stream: a webhook or an email
 * address list. Subscriptions keep their channels as the JSON objects the API takes; this class
 * checks them at the edge and reads them for delivery.
 */
public sealed interface DeliveryChannel {

  /** {@code webhook} or {@code email}: the outbox channel name. */
  String type();

  /** Where, within the type: the webhook URL, or the recipients separated by {@code ", "}. */
  String destination();

  /**
   * What a per-endpoint concurrency cap counts: the webhook URL, or the SMTP server for every email
   * channel.
   */
  String endpoint();

  /** Why deliveries to this channel stopped (e.g. the receiver answered 410), or null. */
  String disabled();

  /** Body formats of a webhook. */
  enum Format {
    STANDARD,
    SLACK;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A webhook signed as Standard Webhooks ask.
   *
   * @param url where to POST
   * @param secret the signing secret ({@code whsec_...})
   * @param previousSecret the secret before a rotation, still signed with; or null
   * @param format {@code standard} JSON or {@code slack} text
   * @param disabled why it was disabled, or null
   */
  record Webhook(String url, String secret, String previousSecret, Format format, String disabled)
      implements DeliveryChannel {
    @Override
    public String type() {
      return WEBHOOK;
    }

    @Override
    public String destination() {
      return url;
    }

    @Override
    public String endpoint() {
      return url;
    }

    /** The secrets to sign with: the current one first. */
    public List<String> secrets() {
      return previousSecret == null ? List.of(secret) : List.of(secret, previousSecret);
    }
  }

  /**
   * Email to a list of recipients.
   *
   * @param to one to {@link #MAX_RECIPIENTS} addresses
   * @param disabled why it was disabled, or null
   */
  record Email(List<String> to, String disabled) implements DeliveryChannel {
    public Email {
      to = List.copyOf(to);
    }

    @Override
    public String type() {
      return EMAIL;
    }

    @Override
    public String destination() {
      return String.join(", ", to);
    }

    @Override
    public String endpoint() {
      return "smtp";
    }
  }

  String WEBHOOK = "webhook";
  String EMAIL = "email";
  int MAX_RECIPIENTS = 20;

  /** Shown instead of a secret, and accepted back in an update to mean "keep the secret". */
  String MASK = "********";

  /**
   * One invalid field.
   *
   * @param field e.g. {@code channels[0].url}
   * @param message why
   */
  record Invalid(String field, String message) {}

  /** Reads stored channels, which were checked when they were written. */
  static List<DeliveryChannel> read(JsonNode channels) {
    List<DeliveryChannel> read = new ArrayList<>();
    if (channels == null) {
      return read;
    }
    for (JsonNode channel : channels) {
      String disabled = channel.hasNonNull("disabled") ? channel.get("disabled").asText() : null;
      switch (channel.path("type").asText()) {
        case WEBHOOK ->
            read.add(
                new Webhook(
                    channel.path("url").asText(),
                    channel.path("secret").asText(),
                    channel.hasNonNull("previousSecret")
                        ? channel.get("previousSecret").asText()
                        : null,
                    Format.valueOf(
                        channel.path("format").asText("standard").toUpperCase(Locale.ROOT)),
                    disabled));
        case EMAIL -> {
          List<String> to = new ArrayList<>();
          channel.path("to").forEach(address -> to.add(address.asText()));
          read.add(new Email(to, disabled));
        }
        default -> {
          // checked at the edge; nothing else is ever stored
        }
      }
    }
    return read;
  }

  /**
   * Checks channels as a caller sent them and returns them as they are stored: URLs and addresses
   * trimmed, the format spelled out, a masked or missing secret of a webhook replaced by the secret
   * {@code previous} channels hold for the same URL. A {@code disabled} mark is kept when sent
   * back; leaving it out enables the channel again.
   *
   * @param previous the subscription's channels before this update, or null for a new one
   * @param problems receives one entry per invalid field
   */
  static ArrayNode normalise(
      List<JsonNode> channels, JsonNode previous, UrlGuard guard, List<Invalid> problems) {
    ArrayNode stored = JsonNodeFactory.instance.arrayNode();
    Set<String> destinations = new LinkedHashSet<>();
    for (int i = 0; i < channels.size(); i++) {
      JsonNode channel = channels.get(i);
      String field = "channels[" + i + "]";
      if (channel == null || !channel.isObject()) {
        problems.add(new Invalid(field, "must be an object"));
        continue;
      }
      String type = channel.path("type").asText("");
      ObjectNode out =
          switch (type) {
            case WEBHOOK -> webhook(channel, field, previous, guard, problems);
            case EMAIL -> email(channel, field, problems);
            default -> {
              problems.add(new Invalid(field + ".type", "must be one of email, webhook"));
              yield null;
            }
          };
      if (out == null) {
        continue;
      }
      if (channel.path("disabled").isTextual() && !channel.get("disabled").asText().isBlank()) {
        out.put("disabled", channel.get("disabled").asText()); // stays disabled until removed
      }
      if (!destinations.add(type + " " + destination(out))) {
        problems.add(new Invalid(field, "repeats another channel of the subscription"));
      }
      stored.add(out);
    }
    return stored;
  }

  private static String destination(ObjectNode channel) {
    return channel.has("url") ? channel.get("url").asText() : channel.path("to").toString();
  }

  private static ObjectNode webhook(
      JsonNode channel, String field, JsonNode previous, UrlGuard guard, List<Invalid> problems) {
    unknownFields(
        channel,
        field,
        Set.of("type", "url", "secret", "previousSecret", "format", "disabled"),
        problems);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("type", WEBHOOK);
    String url;
    try {
      url =
          guard
              .check(channel.path("url").isTextual() ? channel.get("url").asText() : null)
              .toString();
    } catch (UnsafeUrlException e) {
      problems.add(new Invalid(field + ".url", e.getMessage()));
      return null;
    }
    out.put("url", url);
    String format = channel.path("format").asText("standard");
    if (!Set.of("standard", "slack").contains(format)) {
      problems.add(new Invalid(field + ".format", "must be one of standard, slack"));
    }
    out.put("format", format);
    Optional<JsonNode> before = previousWebhook(previous, url);
    int known = problems.size();
    String secret = secret(channel, "secret", before, field, problems);
    if (secret == null && problems.size() > known) {
      return null;
    }
    if (secret == null) {
      problems.add(
          new Invalid(
              field + ".secret",
              "is required: whsec_ followed by "
                  + WebhookSignature.MIN_KEY_BYTES
                  + " to "
                  + WebhookSignature.MAX_KEY_BYTES
                  + " random bytes in base64"));
      return null;
    }
    out.put("secret", secret);
    if (channel.hasNonNull("previousSecret")) {
      String previousSecret = secret(channel, "previousSecret", before, field, problems);
      if (previousSecret != null) {
        out.put("previousSecret", previousSecret);
      }
    }
    return out;
  }

  /** A secret as sent, or the stored one when the caller sent the mask; null when absent. */
  private static String secret(
      JsonNode channel,
      String name,
      Optional<JsonNode> before,
      String field,
      List<Invalid> problems) {
    JsonNode value = channel.get(name);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().equals(MASK))) {
      return before.filter(b -> b.hasNonNull(name)).map(b -> b.get(name).asText()).orElse(null);
    }
    if (!value.isTextual()) {
      problems.add(new Invalid(field + "." + name, "must be a string"));
      return null;
    }
    Optional<String> problem = WebhookSignature.problem(value.asText());
    if (problem.isPresent()) {
      problems.add(new Invalid(field + "." + name, problem.get()));
      return null;
    }
    return value.asText();
  }

  private static Optional<JsonNode> previousWebhook(JsonNode previous, String url) {
    if (previous == null) {
      return Optional.empty();
    }
    for (JsonNode channel : previous) {
      if (WEBHOOK.equals(channel.path("type").asText())
          && url.equals(channel.path("url").asText())) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }

  /** Deliberately simple: something@domain.tld, no spaces, no display names. */
  Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+\\.[^@\\s<>,;\".]+");

  private static ObjectNode email(JsonNode channel, String field, List<Invalid> problems) {
    unknownFields(channel, field, Set.of("type", "to", "disabled"), problems);
    JsonNode to = channel.get("to");
    if (to == null || !to.isArray() || to.isEmpty()) {
      problems.add(new Invalid(field + ".to", "must list at least one address"));
      return null;
    }
    if (to.size() > MAX_RECIPIENTS) {
      problems.add(
          new Invalid(field + ".to", "must list at most " + MAX_RECIPIENTS + " addresses"));
      return null;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("type", EMAIL);
    ArrayNode addresses = out.putArray("to");
    for (int j = 0; j < to.size(); j++) {
      String address = to.get(j).isTextual() ? to.get(j).asText().strip() : "";
      if (address.length() > 254 || !ADDRESS.matcher(address).matches()) {
        problems.add(
            new Invalid(
                field + ".to[" + j + "]", "must be an email address such as officer@example.org"));
        return null;
      }
      addresses.add(address);
    }
    return out;
  }

  private static void unknownFields(
      JsonNode channel, String field, Set<String> known, List<Invalid> problems) {
    for (Iterator<String> names = channel.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(new Invalid(field + "." + name, "is not a field of this channel type"));
      }
    }
  }

  /** The channels with secrets masked, as the API and the audit log show them. */
  static JsonNode masked(JsonNode channels) {
    ArrayNode copy = ((ArrayNode) channels).deepCopy();
    for (JsonNode channel : copy) {
      if (channel instanceof ObjectNode object) {
        for (String name : List.of("secret", "previousSecret")) {
          if (object.hasNonNull(name)) {
            object.put(name, MASK);
          }
        }
      }
    }
    return copy;
  }

  /**
   * The channels with the one of {@code type} and {@code destination} marked disabled, with why.
   */
  static ArrayNode disable(JsonNode channels, String type, String destination, String reason) {
    ArrayNode copy = ((ArrayNode) channels).deepCopy();
    for (JsonNode channel : copy) {
      if (channel instanceof ObjectNode object
          && type.equals(object.path("type").asText())
          && read(JsonNodeFactory.instance.arrayNode().add(object)).stream()
              .anyMatch(c -> c.destination().equals(destination))) {
        object.put("disabled", reason);
      }
    }
    return copy;
  }
}
