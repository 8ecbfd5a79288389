package io.newswatch.ingest.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Fetches a feed over HTTP with timeouts, a body size cap and conditional GET.
 *
 * <p>Rome's own {@code XmlReader(URL)} has no timeouts and hangs on slow servers, so fetching and
 * parsing are separate: this class only moves bytes.
 */
public class FeedFetcher {

  private final HttpClient client;
  private final String userAgent;
  private final Duration requestTimeout;
  private final int maxBodyBytes;

  /**
   * @param client shared HTTP client (its connect timeout applies)
   * @param userAgent the {@code User-Agent} header, naming NewsWatch
   * @param requestTimeout limit for the whole exchange up to the response headers
   * @param maxBodyBytes bodies beyond this are cut off and reported as truncated
   */
  public FeedFetcher(
      HttpClient client, String userAgent, Duration requestTimeout, int maxBodyBytes) {
    this.client = client;
    this.userAgent = userAgent;
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Fetches {@code url}, sending the validators of the previous fetch when there are any.
   *
   * @throws IOException on connection failures and timeouts
   */
  public FetchResult fetch(URI url, String etag, String lastModified)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .GET()
            .timeout(requestTimeout)
            .header("User-Agent", userAgent)
            .header(
                "Accept",
                "application/rss+xml, application/atom+xml, application/feed+json,"
                    + " application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1");
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      request.header("If-Modified-Since", lastModified);
    }
    HttpResponse<InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      byte[] bytes = body.readNBytes(maxBodyBytes + 1);
      boolean truncated = bytes.length > maxBodyBytes;
      return new FetchResult(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          truncated ? Arrays.copyOf(bytes, maxBodyBytes) : bytes,
          truncated,
          response.headers().firstValue("ETag").orElse(null),
          response.headers().firstValue("Last-Modified").orElse(null));
    }
  }
}
