package io.newswatch.alert.query;

/** A subscription query that cannot be parsed: where, and what was expected there. */
public class QuerySyntaxException extends RuntimeException {

  private final int position;
  private final String expected;

  public QuerySyntaxException(int position, String expected) {
    super("at position " + position + ": expected " + expected);
    this.position = position;
    this.expected = expected;
  }

  /** Zero-based character offset in the query. */
  public int position() {
    return position;
  }

  /** What the parser expected at {@link #position()}. */
  public String expected() {
    return expected;
  }
}
