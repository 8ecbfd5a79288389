package io.newswatch.ingest.opml;

/** An OPML document that cannot be read; the message says why without quoting it. */
public class OpmlException extends Exception {

  public OpmlException(String message) {
    super(message);
  }
}
