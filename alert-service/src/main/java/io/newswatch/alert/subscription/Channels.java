package io.newswatch.alert.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.common.web.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks the shape of delivery channels: each an object whose type NewsWatch can deliver to. */
final class Channels {

  static final Set<String> TYPES = Set.of("webhook", "email");

  private Channels() {}

  /** The problems with {@code channels}, one per invalid entry; empty when all are valid. */
  static List<FieldError> problems(List<JsonNode> channels) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < channels.size(); i++) {
      JsonNode channel = channels.get(i);
      String field = "channels[" + i + "]";
      if (channel == null || !channel.isObject()) {
        errors.add(new FieldError(field, "must be an object"));
      } else if (!channel.path("type").isTextual()
          || !TYPES.contains(channel.path("type").asText())) {
        errors.add(new FieldError(field + ".type", "must be one of email, webhook"));
      }
    }
    return errors;
  }
}
