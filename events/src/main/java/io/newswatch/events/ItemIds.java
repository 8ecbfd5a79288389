package io.newswatch.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic item ids: the same item from the same feed always gets the same id, so that every
 * service can deduplicate on it and Kafka keeps one item's records in one partition.
 *
 * <p>An id is the first 128 bits of SHA-256 over the feed id, the kind of evidence and the evidence
 * itself, as 32 lower-case hex digits. Callers pick the strongest evidence the feed offers: its
 * guid, else the item's normalised link, else title and date.
 */
public final class ItemIds {

  private static final char SEPARATOR = '\u001f';

  private ItemIds() {}

  /** The id of an item that has a guid (RSS) or id (Atom, JSON Feed), scoped to its feed. */
  public static String fromGuid(String feedId, String guid) {
    return hash(feedId, "guid", Checks.requireText(guid, "guid").strip());
  }

  /** The id of an item without a guid, from its link after normalisation by the caller. */
  public static String fromLink(String feedId, String normalizedLink) {
    return hash(feedId, "link", Checks.requireText(normalizedLink, "normalizedLink").strip());
  }

  /**
   * The id of an item with neither guid nor link: its title (case and spacing ignored) and date.
   */
  public static String fromTitleAndDate(String feedId, String title, Instant publishedAt) {
    String normalizedTitle =
        Checks.orEmpty(title).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    String date = publishedAt == null ? "" : publishedAt.toString();
    return hash(feedId, "title", normalizedTitle + SEPARATOR + date);
  }

  /** True when {@code id} has the shape of an item id. */
  public static boolean isValid(String id) {
    return id != null && id.length() == 32 && id.chars().allMatch(ItemIds::isLowerHex);
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private static String hash(String feedId, String kind, String evidence) {
    String input = Checks.requireText(feedId, "feedId") + SEPARATOR + kind + SEPARATOR + evidence;
    byte[] digest = sha256().digest(input.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
