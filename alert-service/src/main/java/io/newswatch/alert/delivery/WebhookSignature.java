package io.newswatch.alert.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: HMAC-SHA256 over {@code id.timestamp.body} with the endpoint's
 * secret ({@code whsec_} and the key in base64), base64, prefixed {@code v1,}. During a rotation
 * the message is signed with both secrets, the signatures separated by a space; a receiver accepts
 * any.
 */
public final class WebhookSignature {

  /** Secrets are {@code whsec_} followed by the base64 of this many bytes at least. */
  public static final int MIN_KEY_BYTES = 24;

  public static final int MAX_KEY_BYTES = 64;

  private static final String PREFIX = "whsec_";

  private WebhookSignature() {}

  /** Why {@code secret} is no Standard Webhooks secret, or empty when it is one. */
  public static Optional<String> problem(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return Optional.of(
          "must be a Standard Webhooks secret: whsec_ followed by "
              + MIN_KEY_BYTES
              + " to "
              + MAX_KEY_BYTES
              + " random bytes in base64");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return Optional.of("is not valid base64 after whsec_");
    }
    if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
      return Optional.of(
          "must hold " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes, has " + key.length);
    }
    return Optional.empty();
  }

  /**
   * The {@code webhook-signature} header: one {@code v1,} signature per secret, space-separated.
   *
   * @param secrets the current secret first, then the previous one during a rotation
   */
  public static String sign(String messageId, long timestamp, byte[] body, List<String> secrets) {
    List<String> signatures = new ArrayList<>();
    for (String secret : secrets) {
      signatures.add("v1," + base64(hmac(key(secret), content(messageId, timestamp, body))));
    }
    return String.join(" ", signatures);
  }

  /** True when one of the header's {@code v1} signatures is the message's under {@code secret}. */
  public static boolean verify(
      String messageId, long timestamp, byte[] body, String header, String secret) {
    byte[] expected = hmac(key(secret), content(messageId, timestamp, body));
    for (String signature : header.split(" ")) {
      if (signature.startsWith("v1,")) {
        byte[] given;
        try {
          given = Base64.getDecoder().decode(signature.substring(3));
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }

  private static byte[] key(String secret) {
    if (problem(secret).isPresent()) {
      throw new IllegalArgumentException("not a Standard Webhooks secret");
    }
    return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
  }

  private static byte[] content(String messageId, long timestamp, byte[] body) {
    byte[] prefix = (messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    System.arraycopy(body, 0, content, prefix.length, body.length);
    return content;
  }

  private static byte[] hmac(byte[] key, byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
