package io.newswatch.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.common.net.AllowList;
import io.newswatch.common.net.HostResolver;
import io.newswatch.common.net.UrlGuard;
import io.newswatch.stack.FeedServer;
import io.newswatch.stack.Rss;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fetcher against real local HTTP servers: politeness, limits, redirects and the URL guard. */
class FeedFetcherTest {

  private static final int CAP = 1024 * 1024;

  private FeedServer server;
  private FeedServer other;
  private FeedFetcher fetcher;

  @BeforeEach
  void start() {
    server = FeedServer.start(0, 8);
    other = FeedServer.start();
    fetcher = fetcher(UrlGuard.withSystemDns(AllowList.parse(server.hostAndPort())));
  }

  @AfterEach
  void stop() {
    fetcher.close();
    server.close();
    other.close();
  }

  @Test
  void sendsTheStoredValidatorsAndGets304OnTheSecondFetch() throws Exception {
    server.putRss("/rss.xml", Rss.channel("Desk").item("g", null, "t", "", null).build());

    FetchResult first = fetcher.fetch(server.url("/rss.xml"), null, null);
    FetchResult second =
        fetcher.fetch(server.url("/rss.xml"), first.etag(), "Thu, 15 Jan 2026 08:00:00 GMT");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.etag()).isNotBlank();
    assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("<title>t</title>");
    assertThat(second.status()).isEqualTo(304);
    assertThat(server.lastRequestHeader("/rss.xml", "If-None-Match")).isEqualTo(first.etag());
    assertThat(server.lastRequestHeader("/rss.xml", "If-Modified-Since"))
        .isEqualTo("Thu, 15 Jan 2026 08:00:00 GMT");
    assertThat(server.lastRequestHeader("/rss.xml", "User-Agent")).startsWith("NewsWatch/");
  }

  @Test
  void permanentRedirectsAllTheWayReportTheNewUrl() throws Exception {
    server.redirect("/old.xml", 301, "/middle.xml");
    server.redirect("/middle.xml", 308, server.url("/new.xml").toString());
    server.putRss("/new.xml", Rss.channel("Moved").build());

    FetchResult result = fetcher.fetch(server.url("/old.xml"), null, null);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.url()).isEqualTo(server.url("/new.xml"));
    assertThat(result.permanentUrl()).isEqualTo(server.url("/new.xml"));
  }

  @Test
  void aTemporaryHopEndsThePermanentMoveWhereItStands() throws Exception {
    server.redirect("/old.xml", 301, "/middle.xml");
    server.redirect("/middle.xml", 302, "/today.xml#fragment");
    server.putRss("/today.xml", Rss.channel("Today").build());

    FetchResult result = fetcher.fetch(server.url("/old.xml"), null, null);

    assertThat(result.url()).isEqualTo(server.url("/today.xml"));
    assertThat(result.permanentUrl()).isEqualTo(server.url("/middle.xml"));
  }

  @Test
  void aTemporaryRedirectIsFollowedButIsNoMove() throws Exception {
    server.redirect("/feed.xml", 307, "/elsewhere.xml");
    server.putRss("/elsewhere.xml", Rss.channel("Elsewhere").build());

    FetchResult result = fetcher.fetch(server.url("/feed.xml"), null, null);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.permanentUrl()).isNull();
  }

  @Test
  void aRedirectLoopStopsAtTheLimit() {
    server.redirect("/a.xml", 302, "/b.xml");
    server.redirect("/b.xml", 302, "/a.xml");

    assertThatThrownBy(() -> fetcher.fetch(server.url("/a.xml"), null, null))
        .isInstanceOf(FetchException.class)
        .hasMessage("more than 3 redirects")
        .extracting(e -> ((FetchException) e).reason())
        .isEqualTo(FetchException.Reason.REDIRECT);
    assertThat(server.requests("/a.xml") + server.requests("/b.xml")).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:{other}/secret",
        "http://localhost:{other}/secret",
        "http://[::1]:{other}/secret",
        "http://2130706433:{other}/secret",
        "http://127.0.0.1/secret",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:{other}/secret",
      })
  void aRedirectFromAnAllowedHostToAnyLocalTargetIsRefusedAndNothingReachesIt(String target) {
    other.put("/secret", "text/plain", "secret");
    server.redirect("/feed.xml", 302, target.replace("{other}", Integer.toString(other.port())));

    assertThatThrownBy(() -> fetcher.fetch(server.url("/feed.xml"), null, null))
        .isInstanceOf(FetchException.class)
        .hasMessageStartingWith("redirect refused: target ")
        .satisfies(
            e -> assertThat(((FetchException) e).reason()).isEqualTo(FetchException.Reason.REFUSED))
        .message()
        .doesNotContain("secret")
        .doesNotContain(Integer.toString(other.port()));
    assertThat(other.requests("/secret")).isZero();
  }

  @Test
  void connectsToTheAddressTheGuardVettedAndNeverResolvesAgain() throws Exception {
    // DNS rebinding: the first answer is the allowed one, every later answer points elsewhere.
    AtomicInteger lookups = new AtomicInteger();
    HostResolver rebinding =
        host -> {
          if (!host.equals("feeds.test")) {
            throw new UnknownHostException(host);
          }
          return List.of(
              InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "10.0.0.1"));
        };
    server.putRss("/rss.xml", Rss.channel("Pinned").build());
    try (FeedFetcher pinned =
        fetcher(new UrlGuard(AllowList.parse("feeds.test:" + server.port()), rebinding))) {

      FetchResult result =
          pinned.fetch(URI.create("http://feeds.test:" + server.port() + "/rss.xml"), null, null);

      assertThat(result.status()).isEqualTo(200);
      assertThat(lookups).hasValue(1);
      assertThat(server.lastRequestHeader("/rss.xml", "Host"))
          .isEqualTo("feeds.test:" + server.port());
    }
  }

  @Test
  void aNameThatResolvesToLoopbackIsRefusedBeforeAnyConnection() {
    HostResolver toLoopback = host -> List.of(InetAddress.getLoopbackAddress());
    server.putRss("/rss.xml", Rss.channel("Hidden").build());
    try (FeedFetcher guarded = fetcher(new UrlGuard(AllowList.none(), toLoopback))) {

      assertThatThrownBy(
              () -> guarded.fetch(URI.create("http://rebind.example.org/rss.xml"), null, null))
          .isInstanceOf(FetchException.class)
          .hasMessage("URL refused: resolves to a loopback address");
    }
    assertThat(server.requests("/rss.xml")).isZero();
  }

  @Test
  void aBodyThatDripsOneByteASecondHitsTheTotalTimeout() {
    server.handle(
        "/drip.xml",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 60; i++) {
              out.write('<');
              out.flush();
              Thread.sleep(1000);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });

    assertThatThrownBy(() -> fetcher.fetch(server.url("/drip.xml"), null, null))
        .isInstanceOf(FetchException.class)
        .hasMessage("no complete answer within 3 s")
        .satisfies(
            e ->
                assertThat(((FetchException) e).reason()).isEqualTo(FetchException.Reason.TIMEOUT));
  }

  @Test
  void aGzipBombIsCutAtTheCapOnDecodedBytes() throws Exception {
    byte[] bomb = BodyReaderTest.gzipOfZeros(64 * 1024 * 1024);
    server.handle(
        "/bomb.xml",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Encoding", "gzip");
          exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
          exchange.sendResponseHeaders(200, bomb.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bomb);
          } catch (IOException e) {
            // we hang up after the cap
          }
        });

    FetchResult result = fetcher.fetch(server.url("/bomb.xml"), null, null);

    assertThat(result.truncated()).isTrue();
    assertThat(result.body()).hasSize(CAP);
  }

  @Test
  void neverOpensMoreThanTwoConnectionsToOneHost() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    for (int i = 0; i < 6; i++) {
      server.handle(
          "/slow-" + i + ".xml",
          exchange -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
              Thread.sleep(300);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
            exchange.sendResponseHeaders(304, -1);
          });
    }
    ExecutorService callers = Executors.newFixedThreadPool(6);
    try {
      List<Future<FetchResult>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        URI url = server.url("/slow-" + i + ".xml");
        results.add(callers.submit(() -> fetcher.fetch(url, "\"e\"", null)));
      }
      for (Future<FetchResult> result : results) {
        assertThat(result.get().status()).isEqualTo(304);
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(most).hasValue(2);
  }

  @Test
  void aClosedPortIsANetworkFailure() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    try (FeedFetcher toClosed =
        fetcher(UrlGuard.withSystemDns(AllowList.parse("127.0.0.1:" + closed)))) {

      assertThatThrownBy(
              () -> toClosed.fetch(URI.create("http://127.0.0.1:" + closed + "/x"), null, null))
          .isInstanceOf(FetchException.class)
          .hasMessage("the connection was refused");
    }
  }

  @Test
  void anErrorStatusIsAnAnswerNotAFailure() throws Exception {
    server.status("/busy.xml", 429, Map.of("Retry-After", "120"));

    FetchResult result = fetcher.fetch(server.url("/busy.xml"), null, null);

    assertThat(result.status()).isEqualTo(429);
    assertThat(result.retryAfter()).isEqualTo("120");
    assertThat(result.body()).isEmpty();
  }

  private static FeedFetcher fetcher(UrlGuard guard) {
    return new FeedFetcher(
        guard,
        new FetchSettings(
            "NewsWatch/test (+https://github.com/newswatch/newswatch)",
            Duration.ofSeconds(2),
            Duration.ofMillis(2500),
            Duration.ofSeconds(3),
            CAP,
            3,
            2));
  }
}
