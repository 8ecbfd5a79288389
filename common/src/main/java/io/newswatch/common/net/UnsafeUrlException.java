package io.newswatch.common.net;

/**
 * A URL the {@link UrlGuard} refuses. The message says why in our own words (for example "refers to
 * a loopback address"); it never quotes a host name, a URL or anything a server sent, so that it
 * can be shown to a caller and logged as it is.
 */
public class UnsafeUrlException extends Exception {

  public UnsafeUrlException(String message) {
    super(message);
  }
}
