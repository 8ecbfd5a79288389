package io.newswatch.ingest.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Normalises item links so that the same article gets the same id however it was tagged for
 * analytics: lower-case scheme and host, no fragment, no tracking parameters.
 */
public final class LinkNormalizer {

  private static final Set<String> TRACKING =
      Set.of("fbclid", "gclid", "mc_cid", "mc_eid", "igshid", "ref_src", "cmpid", "ocid");

  private LinkNormalizer() {}

  /** The normalised link, or the link unchanged when it is not a valid URI. */
  public static String normalize(String link) {
    try {
      URI uri = new URI(link.strip());
      if (uri.getScheme() == null || uri.getRawAuthority() == null) {
        return link.strip();
      }
      String query = uri.getRawQuery() == null ? null : withoutTracking(uri.getRawQuery());
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return uri.getScheme().toLowerCase(Locale.ROOT)
          + "://"
          + uri.getRawAuthority().toLowerCase(Locale.ROOT)
          + path
          + (query == null || query.isEmpty() ? "" : "?" + query);
    } catch (URISyntaxException e) {
      return link.strip();
    }
  }

  private static String withoutTracking(String rawQuery) {
    return Arrays.stream(rawQuery.split("&"))
        .filter(parameter -> !parameter.isEmpty())
        .filter(parameter -> !isTracking(parameter.split("=", 2)[0].toLowerCase(Locale.ROOT)))
        .collect(Collectors.joining("&"));
  }

  private static boolean isTracking(String name) {
    return name.startsWith("utm_") || TRACKING.contains(name);
  }
}
