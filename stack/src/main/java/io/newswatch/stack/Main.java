package io.newswatch.stack;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack launcher: {@code java -jar stack/target/newswatch-launcher.jar up [options]}.
 *
 * <p>Starts Kafka, PostgreSQL and the three packaged services, prints where they listen, and runs
 * until Ctrl-C or SIGTERM, then stops everything it started.
 */
public final class Main {

  private static final String USAGE =
      """
      usage: java -jar stack/target/newswatch-launcher.jar up|demo [options]

        up                  start Kafka, PostgreSQL and the three services
        demo                the same, plus a demo feed and an ISKP subscription; prints alerts

      options:
        --data DIR          keep Kafka and PostgreSQL data in DIR between runs (default: temporary)
        --root DIR          the NewsWatch checkout with packaged services (default: .)
        --<service>-port N  HTTP port of a service (defaults 8081, 8082, 8083; 0 = any free port)
      """;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Deque<String> arguments = new ArrayDeque<>(List.of(args));
    String command = arguments.pollFirst();
    if (!"up".equals(command) && !"demo".equals(command)) {
      System.err.print(USAGE);
      System.exit(2);
    }
    boolean demo = "demo".equals(command);
    FeedServer demoFeeds = demo ? FeedServer.start() : null;
    Path root = Path.of(".");
    Path data = null;
    int[] ports = {
      Service.INGEST.defaultPort(), Service.CLASSIFY.defaultPort(), Service.ALERT.defaultPort()
    };
    while (!arguments.isEmpty()) {
      String option = arguments.removeFirst();
      String value = arguments.pollFirst();
      if (value == null) {
        fail("option " + option + " needs a value");
      }
      switch (option) {
        case "--data" -> data = Path.of(value);
        case "--root" -> root = Path.of(value);
        case "--ingest-port" -> ports[0] = port(option, value);
        case "--classify-port" -> ports[1] = port(option, value);
        case "--alert-port" -> ports[2] = port(option, value);
        default -> fail("unknown option " + option);
      }
    }
    LocalStack.Builder options =
        LocalStack.builder(root)
            .dataDirectory(data)
            .port(Service.INGEST, ports[0])
            .port(Service.CLASSIFY, ports[1])
            .port(Service.ALERT, ports[2])
            .progress(message -> System.out.println("[newswatch] " + message));
    if (demoFeeds != null) {
      // The demo feed is served on loopback, which the services' URL guard admits only when told.
      options.environment("NEWSWATCH_FETCH_ALLOW", demoFeeds.hostAndPort());
    }

    LocalStack stack = options.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("[newswatch] stopping");
                  main.interrupt();
                  stack.close();
                  if (demoFeeds != null) {
                    demoFeeds.close();
                  }
                  stopped.countDown();
                },
                "newswatch-stop"));
    System.out.println("[newswatch] NewsWatch is up; Ctrl-C stops it.");
    System.out.println(
        "[newswatch]   sign in as "
            + stack.admin().username()
            + " with password "
            + stack.admin().password()
            + " (applies to a fresh database; set NEWSWATCH_ADMIN_PASSWORD to choose it)");
    for (Service service : Service.values()) {
      System.out.printf(
          "[newswatch]   %-17s %s   (log: %s)%n",
          service.module(), stack.service(service).baseUri(), stack.service(service).logFile());
    }
    if (demoFeeds != null) {
      try {
        new Demo(stack, demoFeeds, System.out).run();
      } catch (java.io.IOException e) {
        System.out.println("[newswatch] demo failed: " + e.getMessage());
      } catch (InterruptedException e) {
        // Ctrl-C: the shutdown hook stops the stack
      }
    }
    stopped.await();
  }

  private static int port(String option, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        fail(option + " must be a port number between 0 and 65535, was " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      fail(option + " must be a port number, was " + value);
      return -1;
    }
  }

  private static void fail(String message) {
    System.err.println("newswatch: " + message);
    System.err.print(USAGE);
    System.exit(2);
  }
}
