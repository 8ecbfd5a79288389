package io.newswatch.stack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
  private final Credentials admin;

  private LocalStack(
      Infrastructure infrastructure, Map<Service, ServiceProcess> services, Credentials admin) {
    this.infrastructure = infrastructure;
    this.services = services;
    this.admin = admin;
  }

  /** A user name and password. */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[username=" + username + "]";
    }
  }

  public static Builder builder(Path projectRoot) {
    return new Builder(projectRoot);
  }

  public Infrastructure infrastructure() {
    return infrastructure;
  }

  /** The first admin, whom alert-service created at its first start. */
  public Credentials admin() {
    return admin;
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
    private String adminPassword = System.getenv("NEWSWATCH_ADMIN_PASSWORD");

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

    /**
     * Password of the first admin ({@code admin}); default: {@code NEWSWATCH_ADMIN_PASSWORD} from
     * the environment, else a generated one. It only applies when alert-service creates the admin,
     * i.e. on a fresh database.
     */
    public Builder adminPassword(String password) {
      this.adminPassword = password;
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
      Credentials admin =
          new Credentials(
              "admin",
              adminPassword == null || adminPassword.isBlank()
                  ? generatedPassword()
                  : adminPassword);
      LocalStack stack = new LocalStack(infrastructure, started, admin);
      Map<Service, Integer> chosen = new EnumMap<>(Service.class);
      ports.forEach((service, port) -> chosen.put(service, FreePorts.orFree(port)));
      try {
        for (Service service : Service.values()) {
          Map<String, String> env = new LinkedHashMap<>(infrastructure.environmentFor(service));
          // alert-service keeps the users; the other services check credentials with it.
          env.put("NEWSWATCH_AUTH_DIRECTORY_URL", "http://127.0.0.1:" + chosen.get(Service.ALERT));
          env.put("NEWSWATCH_ADMIN_USER", admin.username());
          env.put("NEWSWATCH_ADMIN_PASSWORD", admin.password());
          env.putAll(environment);
          progress.accept("starting " + service.module());
          started.put(
              service,
              ServiceProcess.start(
                  service.module(),
                  projectRoot.resolve(service.module()).resolve("target/quarkus-app"),
                  chosen.get(service),
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

    private static String generatedPassword() {
      byte[] random = new byte[12];
      new SecureRandom().nextBytes(random);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private Path defaultLogDirectory() {
      return dataDirectory != null
          ? dataDirectory.resolve("logs")
          : projectRoot.resolve("target/stack-logs");
    }
  }
}
