package io.newswatch.ingest.testing;

import io.newswatch.events.Topics;
import io.newswatch.stack.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.ObjectName;

/**
 * Quarkus test resource: a Kafka broker of its own, which a test can stop and start again on the
 * same port and data directory, to show that a broker outage loses nothing. The producer's timeouts
 * are short, so that a send to the stopped broker fails within seconds.
 *
 * <p>Test resources and tests may live in different class loaders; the controls therefore travel as
 * JDK types ({@link Runnable}) in the system properties.
 */
public class RestartableKafka implements QuarkusTestResourceLifecycleManager {

  private static final String CONTROL = "newswatch.test:type=RestartableKafka";

  private Path directory;
  private final AtomicReference<KafkaBroker> broker = new AtomicReference<>();

  @Override
  public Map<String, String> start() {
    try {
      directory = Files.createTempDirectory("newswatch-kafka-outage-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int port = freePort();
    KafkaBroker first = KafkaBroker.start(directory, port, 1);
    first.createTopics(Map.of(Topics.RAW_ITEMS, 1));
    broker.set(first);
    register(
        Map.of(
            "stop", () -> broker.getAndSet(null).close(),
            "start", () -> broker.set(KafkaBroker.start(directory, port, 1))));
    return Map.of(
        "kafka.bootstrap.servers",
        first.bootstrapServers(),
        "newswatch.ingest.publish-timeout",
        "3s");
  }

  @Override
  public void stop() {
    KafkaBroker running = broker.getAndSet(null);
    if (running != null) {
      running.close();
    }
    unregister();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  /** Stops the broker, as an outage would. */
  public static void stopBroker() {
    invoke("stop");
  }

  /** Starts the broker again on the same port and data. */
  public static void startBroker() {
    invoke("start");
  }

  private static void invoke(String operation) {
    try {
      ManagementFactory.getPlatformMBeanServer()
          .invoke(new ObjectName(CONTROL), operation, null, null);
    } catch (JMException e) {
      throw new IllegalStateException("cannot " + operation + " the test broker", e);
    }
  }

  private static void register(Map<String, Runnable> operations) {
    DynamicMBean control =
        new DynamicMBean() {
          @Override
          public Object invoke(String action, Object[] params, String[] signature) {
            operations.get(action).run();
            return null;
          }

          @Override
          public MBeanInfo getMBeanInfo() {
            MBeanOperationInfo[] ops =
                operations.keySet().stream()
                    .map(
                        name ->
                            new MBeanOperationInfo(
                                name,
                                name,
                                new MBeanParameterInfo[0],
                                "void",
                                MBeanOperationInfo.ACTION))
                    .toArray(MBeanOperationInfo[]::new);
            return new MBeanInfo(
                RestartableKafka.class.getName(), "test broker control", null, null, ops, null);
          }

          @Override
          public Object getAttribute(String attribute) throws AttributeNotFoundException {
            throw new AttributeNotFoundException(attribute);
          }

          @Override
          public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
            throw new AttributeNotFoundException(attribute.getName());
          }

          @Override
          public AttributeList getAttributes(String[] attributes) {
            return new AttributeList();
          }

          @Override
          public AttributeList setAttributes(AttributeList attributes) {
            return new AttributeList();
          }
        };
    try {
      unregister();
      ManagementFactory.getPlatformMBeanServer().registerMBean(control, new ObjectName(CONTROL));
    } catch (JMException e) {
      throw new IllegalStateException("cannot register the test broker control", e);
    }
  }

  private static void unregister() {
    try {
      ObjectName name = new ObjectName(CONTROL);
      if (ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
      }
    } catch (JMException e) {
      // nothing registered
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
