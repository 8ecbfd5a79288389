package io.newswatch.system.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.Severity;
import io.newswatch.events.Topics;
import io.newswatch.stack.FreePorts;
import io.newswatch.stack.Infrastructure;
import io.newswatch.stack.Service;
import io.newswatch.stack.ServiceProcess;
import io.newswatch.stack.testing.Fixtures;
import io.newswatch.stack.testing.TopicWriter;
import io.newswatch.system.Officers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A crash after alerts are stored and before they are delivered: an alert-service process stores
 * alerts while it attempts no deliveries, is killed ({@code kill -9}), and the instance started in
 * its place delivers every alert exactly once on each channel, to a real webhook receiver and a
 * real SMTP server.
 */
class DeliveryAfterCrashIT {

  private static final Duration WITHIN = Duration.ofSeconds(180);
  private static final String ADMIN_PASSWORD = "delivery-crash-admin-password";
  private static final String OFFICER = "duty";
  private static final String OFFICER_PASSWORD = "duty-officer-password";
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final int ITEMS = 20;

  private static Infrastructure infrastructure;
  private static Path root;
  private static Path logs;
  private static HttpServer receiver;
  private static final List<String> WEBHOOK_IDS = new ArrayList<>();
  private static GreenMail smtp;
  private static int smtpPort;
  private static ServiceProcess instance;

  @BeforeAll
  static void start() throws Exception {
    infrastructure = Infrastructure.start(null);
    root = Path.of(System.getProperty("newswatch.root", ".."));
    logs = Path.of(System.getProperty("newswatch.logs", "target/stack-logs"));
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    receiver.createContext(
        "/hook",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            synchronized (WEBHOOK_IDS) {
              WEBHOOK_IDS.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            }
            exchange.sendResponseHeaders(204, -1);
          }
        });
    receiver.start();
    smtpPort = FreePorts.pick();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  private static ServiceProcess startAlertService(String name, boolean delivering) {
    Map<String, String> environment =
        new LinkedHashMap<>(infrastructure.environmentFor(Service.ALERT));
    environment.put("NEWSWATCH_ADMIN_PASSWORD", ADMIN_PASSWORD);
    environment.put("NEWSWATCH_ALERT_DELIVERY_ENABLED", Boolean.toString(delivering));
    environment.put(
        "NEWSWATCH_ALERT_DELIVERY_WEBHOOK_ALLOW", "127.0.0.1:" + receiver.getAddress().getPort());
    environment.put("QUARKUS_MAILER_HOST", "127.0.0.1");
    environment.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
    environment.put("QUARKUS_MAILER_START_TLS", "DISABLED");
    return ServiceProcess.start(
            name,
            root.resolve("alert-service/target/quarkus-app"),
            FreePorts.pick(),
            environment,
            List.of("-Xmx256m"),
            logs.resolve(name + ".log"))
        .awaitReady(WITHIN);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable running : new AutoCloseable[] {instance, infrastructure}) {
      try {
        if (running != null) {
          running.close();
        }
      } catch (Exception e) {
        // keep stopping the rest
      }
    }
    if (receiver != null) {
      receiver.stop(0);
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void alertsStoredBeforeACrashAreDeliveredOnceOnEveryChannelAfterTheRestart() throws Exception {
    instance = startAlertService("alert-not-delivering", false);
    Officers.create(instance.baseUri(), "admin", ADMIN_PASSWORD, OFFICER, OFFICER_PASSWORD);
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    officer()
        .contentType(ContentType.JSON)
        .body(
            "{\"name\": \"crash\", \"query\": \"ISKP "
                + marker
                + "\", \"rateLimit\": {\"messages\": 1000, \"window\": \"PT1M\"},"
                + " \"channels\": [{\"type\": \"webhook\", \"url\": \""
                + hook
                + "\", \"secret\": \""
                + SECRET
                + "\"}, {\"type\": \"email\", \"to\": [\"duty@example.org\"]}]}")
        .post("/subscriptions")
        .then()
        .statusCode(201);

    for (int i = 0; i < ITEMS; i++) {
      ClassifiedItem item =
          Fixtures.classified(
              Fixtures.rawItem("ISKP " + marker + " report " + i),
              Severity.PRIORITY,
              Fixtures.iskpInTitle(0, 4, "ISKP"));
      TopicWriter.send(
          infrastructure.kafka().bootstrapServers(),
          Topics.CLASSIFIED_ITEMS,
          item.id(),
          EventJson.writeString(item));
    }
    await().atMost(WITHIN).until(() -> alerts().getInt("total") == ITEMS);
    String anAlert = alerts().getString("items[0].id");
    assertThat(
            officer()
                .get("/alerts/{id}", anAlert)
                .then()
                .extract()
                .jsonPath()
                .getList("deliveries.status"))
        .containsExactly("pending", "pending");

    instance.kill();
    assertThat(WEBHOOK_IDS).isEmpty();
    assertThat(smtp.getReceivedMessages()).isEmpty();
    instance = startAlertService("alert-restarted", true);

    await()
        .atMost(WITHIN)
        .until(() -> webhookIds().size() == ITEMS && messageIds().size() == ITEMS);
    // Give a duplicate every chance to show up.
    await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
    assertThat(webhookIds()).hasSize(ITEMS).doesNotHaveDuplicates();
    assertThat(messageIds()).hasSize(ITEMS).doesNotHaveDuplicates();
    assertThat(
            officer()
                .get("/alerts/{id}", anAlert)
                .then()
                .extract()
                .jsonPath()
                .getList("deliveries.status"))
        .containsExactly("delivered", "delivered");
  }

  private static List<String> webhookIds() {
    synchronized (WEBHOOK_IDS) {
      return List.copyOf(WEBHOOK_IDS);
    }
  }

  private static List<String> messageIds() {
    List<String> ids = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      try {
        ids.add(message.getMessageID());
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return ids;
  }

  private static JsonPath alerts() {
    return officer().get("/alerts?size=100").then().statusCode(200).extract().jsonPath();
  }

  private static RequestSpecification admin() {
    return given()
        .baseUri(instance.baseUri().toString())
        .auth()
        .preemptive()
        .basic("admin", ADMIN_PASSWORD);
  }

  private static RequestSpecification officer() {
    return given()
        .baseUri(instance.baseUri().toString())
        .auth()
        .preemptive()
        .basic(OFFICER, OFFICER_PASSWORD);
  }
}
