package io.newswatch.alert.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.newswatch.alert.AlertConfig;
import io.newswatch.alert.WakeUp;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live streams of this instance: each connected console gets its owner's alerts in stream order
 * ({@link AlertStreamLog}), whichever instance stored them, and a keep-alive comment when nothing
 * happened for a while. One thread follows the log: it looks for new positions a few times a second
 * (at once after this instance stored alerts) and sends each console what it has not seen.
 */
@ApplicationScoped
public class AlertStreams {

  /** Entries sent per console and round; the rest follow in the next round. */
  private static final int BATCH = 100;

  private final AlertStreamLog log;
  private final AlertService alerts;
  private final ObjectMapper json;
  private final Duration keepAlive;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "alert-streams");
            thread.setDaemon(true);
            return thread;
          });
  private final WakeUp wakeUp = new WakeUp(loop, this::roundQuietly);

  AlertStreams(
      AlertStreamLog log,
      AlertService alerts,
      ObjectMapper json,
      MeterRegistry registry,
      AlertConfig config) {
    Duration pollInterval = config.stream().pollInterval();
    this.log = log;
    this.alerts = alerts;
    this.json = json;
    this.keepAlive = config.stream().keepAlive();
    Gauge.builder("newswatch.alert.streams", clients, Set::size)
        .description("Live streams connected to this instance")
        .strongReference(true)
        .register(registry);
    loop.scheduleWithFixedDelay(
        this::roundQuietly,
        pollInterval.toMillis(),
        pollInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** A connected console. */
  private static final class Client {
    final UUID owner;
    final SseEventSink sink;
    final Sse sse;
    volatile long position;
    volatile long lastSent = System.nanoTime();

    Client(UUID owner, SseEventSink sink, Sse sse, long position) {
      this.owner = owner;
      this.sink = sink;
      this.sse = sse;
      this.position = position;
    }
  }

  /**
   * Starts streaming {@code owner}'s alerts after {@code lastEventId}, or from now on when null.
   */
  public void open(UUID owner, SseEventSink sink, Sse sse, Long lastEventId) {
    long from =
        lastEventId != null ? lastEventId : QuarkusTransaction.requiringNew().call(log::head);
    Client client = new Client(owner, sink, sse, from);
    // A comment at once, so the client knows the stream is open before any alert.
    sink.send(sse.newEventBuilder().comment("connected; alerts after " + from).build());
    clients.add(client);
    wake();
  }

  void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertsAppended event) {
    wake();
  }

  private void wake() {
    if (!clients.isEmpty()) {
      wakeUp.request();
    }
  }

  private void roundQuietly() {
    try {
      round();
    } catch (RuntimeException e) {
      Log.warnf("following the alert stream failed, retrying: %s", e.getMessage());
    }
  }

  private void round() {
    if (clients.isEmpty()) {
      return;
    }
    long head = QuarkusTransaction.requiringNew().call(log::head);
    for (Client client : clients) {
      if (client.sink.isClosed()) {
        clients.remove(client);
        continue;
      }
      while (client.position < head && !client.sink.isClosed()) {
        List<AlertStreamLog.Entry> entries =
            QuarkusTransaction.requiringNew()
                .call(() -> log.after(client.owner, client.position, BATCH));
        if (entries.isEmpty()) {
          client.position = head;
          break;
        }
        send(client, entries);
        if (entries.size() < BATCH) {
          client.position = Math.max(client.position, head);
          break;
        }
      }
      if (System.nanoTime() - client.lastSent > keepAlive.toNanos() && !client.sink.isClosed()) {
        client.sink.send(client.sse.newEventBuilder().comment("keep-alive").build());
        client.lastSent = System.nanoTime();
      }
    }
  }

  private void send(Client client, List<AlertStreamLog.Entry> entries) {
    List<AlertView> views =
        QuarkusTransaction.requiringNew()
            .call(() -> alerts.views(entries.stream().map(AlertStreamLog.Entry::alertId).toList()));
    Map<UUID, AlertView> byId = new java.util.HashMap<>();
    views.forEach(v -> byId.put(v.id(), v));
    for (AlertStreamLog.Entry entry : entries) {
      AlertView view = byId.get(entry.alertId());
      if (view != null) {
        try {
          client.sink.send(
              client
                  .sse
                  .newEventBuilder()
                  .id(Long.toString(entry.position()))
                  .name("alert")
                  .mediaType(MediaType.APPLICATION_JSON_TYPE)
                  .data(json.writeValueAsString(view))
                  .build());
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("an alert view always serialises", e);
        }
      }
      client.position = entry.position();
    }
    client.lastSent = System.nanoTime();
  }

  void stop(@Observes ShutdownEvent event) {
    loop.shutdownNow();
    for (Client client : clients) {
      client.sink.close();
    }
    clients.clear();
  }
}
