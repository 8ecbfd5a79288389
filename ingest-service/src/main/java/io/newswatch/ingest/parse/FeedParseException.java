package io.newswatch.ingest.parse;

/** The body is not a feed this service reads; the message says why without quoting the body. */
public class FeedParseException extends Exception {

  public FeedParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
