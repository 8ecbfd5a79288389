package io.newswatch.stack;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one node), running
 * in this JVM on loopback ports.
 *
 * <p>Storage is formatted on first start and reused when the same data directory is given again, so
 * a local stack keeps its topics between runs. Without a data directory, the broker uses a
 * temporary one and deletes it on {@link #close()}.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final int NODE_ID = 1;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path dataDirectory;
  private final Watchdog cleanup;

  private KafkaBroker(
      KafkaRaftServer server, String bootstrapServers, Path dataDirectory, Watchdog cleanup) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.dataDirectory = dataDirectory;
    this.cleanup = cleanup;
  }

  /** A broker on a random port with temporary storage and {@code defaultPartitions} per topic. */
  public static KafkaBroker startTemporary(int defaultPartitions) {
    return start(null, 0, defaultPartitions);
  }

  /**
   * Starts a broker and waits until it serves requests.
   *
   * @param dataDirectory where to keep the log; null for a temporary directory deleted on close
   * @param port client port on 127.0.0.1; 0 for a free one
   * @param defaultPartitions partitions of topics created automatically
   */
  public static KafkaBroker start(Path dataDirectory, int port, int defaultPartitions) {
    boolean temporary = dataDirectory == null;
    Path directory = temporary ? Dirs.temporary("newswatch-kafka-") : dataDirectory;
    Path logDirectory = directory.resolve("kraft-combined-logs");
    int brokerPort = FreePorts.orFree(port);
    int controllerPort = FreePorts.pick();
    Map<String, String> config =
        serverConfig(logDirectory, brokerPort, controllerPort, defaultPartitions);
    try {
      formatIfNew(logDirectory);
      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
      server.startup();
      String bootstrap = "127.0.0.1:" + brokerPort;
      Watchdog cleanup = temporary ? Watchdog.deleteWhenThisJvmEnds(directory) : null;
      KafkaBroker broker = new KafkaBroker(server, bootstrap, directory, cleanup);
      broker.awaitReady();
      return broker;
    } catch (Exception e) {
      if (temporary) {
        Dirs.deleteQuietly(directory);
      }
      throw new IllegalStateException("Kafka broker did not start: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> serverConfig(
      Path logDirectory, int brokerPort, int controllerPort, int defaultPartitions) {
    Map<String, String> config = new HashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", String.valueOf(NODE_ID));
    config.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    config.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("controller.listener.names", "CONTROLLER");
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("log.dirs", logDirectory.toString());
    config.put("metadata.log.dir", logDirectory.toString());
    config.put("num.partitions", String.valueOf(defaultPartitions));
    // One node: every internal topic has one replica, and there is nobody to wait for.
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "5");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("transaction.state.log.num.partitions", "5");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    // A laptop-sized broker: few threads, small segments.
    config.put("num.network.threads", "2");
    config.put("num.io.threads", "2");
    config.put("background.threads", "2");
    config.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
    return config;
  }

  private static void formatIfNew(Path logDirectory) throws Exception {
    if (Files.exists(logDirectory.resolve("meta.properties"))) {
      return;
    }
    Files.createDirectories(logDirectory);
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(NODE_ID)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDirectory.toString()))
        .setMetadataLogDirectory(logDirectory.toString())
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .setControllerListenerName("CONTROLLER")
        .run();
  }

  private void awaitReady() throws InterruptedException, TimeoutException {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    try (Admin admin = admin()) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          // not ready yet: the controller is still electing itself
        }
        if (Instant.now().isAfter(deadline)) {
          throw new TimeoutException("broker not ready after " + READY_TIMEOUT.toSeconds() + " s");
        }
        Thread.sleep(100);
      }
    }
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Where the broker keeps its log. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** An admin client for this broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
  }

  /** Creates the topics that do not exist yet, with the given partition counts. */
  public void createTopics(Map<String, Integer> partitionsByTopic) {
    try (Admin admin = admin()) {
      for (Map.Entry<String, Integer> topic : partitionsByTopic.entrySet()) {
        NewTopic newTopic = new NewTopic(topic.getKey(), topic.getValue(), (short) 1);
        try {
          admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + topic.getKey(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating topics", e);
    }
  }

  /** Stops the broker; deletes its storage if it was temporary. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    if (cleanup != null) {
      cleanup.close();
      Dirs.deleteQuietly(dataDirectory);
    }
  }
}
