package io.newswatch.ingest.fetch;

import java.net.URI;

/**
 * The answer a fetch ended with, after following redirects.
 *
 * @param status HTTP status code of the last answer
 * @param url the URL that gave the last answer
 * @param permanentUrl where the feed moved for good (301 or 308 all the way from the stored URL),
 *     or null
 * @param contentType the {@code Content-Type} header, or null
 * @param body the body, decompressed, at most the configured number of bytes
 * @param truncated true when the body was longer and was cut at the limit
 * @param etag the {@code ETag} header, verbatim, or null
 * @param lastModified the {@code Last-Modified} header, verbatim, or null
 * @param retryAfter the {@code Retry-After} header, verbatim, or null
 */
public record FetchResult(
    int status,
    URI url,
    URI permanentUrl,
    String contentType,
    byte[] body,
    boolean truncated,
    String etag,
    String lastModified,
    String retryAfter) {

  /** True for 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** True for 304: the feed has not changed since the validators were issued. */
  public boolean isNotModified() {
    return status == 304;
  }
}
