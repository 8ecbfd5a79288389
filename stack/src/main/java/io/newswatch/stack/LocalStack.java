package io.newswatch.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole system on one machine without Docker: the {@link Infrastructure} plus the three
 * packaged services as separate processes. Used by the launcher and by the system tests, so both
 * run NewsWatch the same way.
 */
public final class LocalStack implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final Infrastructure infrastructure;
  private final Map<Service, ServiceProcess> services;

  private LocalStack(Infrastructure infrastructure, Map<Service, ServiceProcess> services) {
    this.infrastructure = infrastructure;
    this.services = services;
  }

  public static Builder builder(Path projectRoot) {
    return new Builder(projectRoot);
  }

  public Infrastructure infrastructure() {
    return infrastructure;
  }

  /** A running service. */
  public ServiceProcess service(Service service) {
    return services.get(service);
  }

  /** Stops the services (gracefully, in reverse order), then broker and database. */
  @Override
  public void close() {
    List<ServiceProcess> running = new ArrayList<>(services.values());
    java.util.Collections.reverse(running);
    try {
      running.forEach(ServiceProcess::close);
    } finally {
      infrastructure.close();
    }
  }

  /** Options of a local stack. */
  public static final class Builder {
    private final Path projectRoot;
    private Path dataDirectory;
    private Path logDirectory;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx384m"));
    private Consumer<String> progress = message -> {};

    private Builder(Path projectRoot) {
      this.projectRoot = projectRoot.toAbsolutePath().normalize();
      for (Service service : Service.values()) {
        ports.put(service, service.defaultPort());
      }
    }

    /** Keep Kafka and PostgreSQL data here between runs; default: temporary. */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = directory;
      return this;
    }

    /** Where service logs go; default: {@code <data>/logs} or {@code target/stack-logs}. */
    public Builder logDirectory(Path directory) {
      this.logDirectory = directory;
      return this;
    }

    /** HTTP port of a service; 0 for a free one. */
    public Builder port(Service service, int port) {
      ports.put(service, port);
      return this;
    }

    /** An environment variable for every service. */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** Progress messages, e.g. to print while starting. */
    public Builder progress(Consumer<String> progress) {
      this.progress = progress;
      return this;
    }

    /** Starts everything and waits until every service is ready. */
    public LocalStack start() {
      progress.accept("starting Kafka and PostgreSQL");
      Infrastructure infrastructure = Infrastructure.start(dataDirectory);
      progress.accept(
          "Kafka at "
              + infrastructure.kafka().bootstrapServers()
              + ", PostgreSQL at 127.0.0.1:"
              + infrastructure.postgres().port());
      Path logs = logDirectory != null ? logDirectory : defaultLogDirectory();
      Map<Service, ServiceProcess> started = new EnumMap<>(Service.class);
      LocalStack stack = new LocalStack(infrastructure, started);
      try {
        for (Service service : Service.values()) {
          Map<String, String> env = new LinkedHashMap<>(infrastructure.environmentFor(service));
          env.putAll(environment);
          progress.accept("starting " + service.module());
          started.put(
              service,
              ServiceProcess.start(
                  service.module(),
                  projectRoot.resolve(service.module()).resolve("target/quarkus-app"),
                  FreePorts.orFree(ports.get(service)),
                  env,
                  jvmOptions,
                  logs.resolve(service.module() + ".log")));
        }
        for (ServiceProcess process : started.values()) {
          process.awaitReady(READY_TIMEOUT);
          progress.accept(process.name() + " ready at " + process.baseUri());
        }
        return stack;
      } catch (RuntimeException e) {
        stack.close();
        throw e;
      }
    }

    private Path defaultLogDirectory() {
      return dataDirectory != null
          ? dataDirectory.resolve("logs")
          : projectRoot.resolve("target/stack-logs");
    }
  }
}
