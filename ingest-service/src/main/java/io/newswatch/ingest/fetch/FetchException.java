package io.newswatch.ingest.fetch;

/**
 * A fetch that got no usable HTTP answer. The message is ours: it never quotes a URL from a
 * redirect, a header or a body, since those come from the server.
 */
public class FetchException extends Exception {

  /** What kind of failure, for metrics and backoff. */
  public enum Reason {
    /** The URL guard refused the URL or a redirect target; nothing was sent there. */
    REFUSED,
    /** Connect, read or total timeout. */
    TIMEOUT,
    /** DNS, connection, TLS or protocol failure. */
    NETWORK,
    /** Too many redirects, or a redirect without a usable target. */
    REDIRECT,
    /** The host already serves as many of our fetches as we allow; try again soon. */
    HOST_BUSY
  }

  private final Reason reason;

  public FetchException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
