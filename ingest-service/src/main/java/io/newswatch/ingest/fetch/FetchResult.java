package io.newswatch.ingest.fetch;

/**
 * What one HTTP fetch of a feed gave.
 *
 * @param status HTTP status code
 * @param contentType the {@code Content-Type} header, or null
 * @param body the body, at most the configured number of bytes
 * @param truncated true when the body was longer and was cut at the limit
 * @param etag the {@code ETag} header, verbatim, or null
 * @param lastModified the {@code Last-Modified} header, verbatim, or null
 */
public record FetchResult(
    int status,
    String contentType,
    byte[] body,
    boolean truncated,
    String etag,
    String lastModified) {

  /** True for 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** True for 304: the feed has not changed since the validators were issued. */
  public boolean isNotModified() {
    return status == 304;
  }
}
