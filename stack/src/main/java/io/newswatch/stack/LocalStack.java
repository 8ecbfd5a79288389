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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The whole system on one machine without Docker: the {@link Infrastructure} plus the packaged
 * services as separate processes, one or more instances of each. Used by the launcher and by the
 * system tests, so both run NewsWatch the same way.
 *
 * <p>Instances of a service share its consumer group and database, each on its own HTTP port and
 * with its own log file: {@code classify-service.log}, {@code classify-service-2.log}, ...
 */
public final class LocalStack implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  /** Longest a broker and database take to start (PostgreSQL's own wait is 60 s). */
  private static final Duration INFRASTRUCTURE_START_TIMEOUT = Duration.ofSeconds(90);

  private final Builder options;
  private final Credentials admin;
  private final Path logs;
  private final Map<Service, List<ServiceProcess>> services = new EnumMap<>(Service.class);
  private volatile Infrastructure infrastructure;
  private boolean closed;

  /** Open until the broker and database have started, or failed to. */
  private final CountDownLatch infrastructureSettled = new CountDownLatch(1);

  /** Open until close() has stopped everything. */
  private final CountDownLatch stopped = new CountDownLatch(1);

  private LocalStack(Builder options, Credentials admin, Path logs) {
    this.options = options;
    this.admin = admin;
    this.logs = logs;
    for (Service service : Service.values()) {
      services.put(service, new CopyOnWriteArrayList<>());
    }
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

  /** The first instance of a service. */
  public ServiceProcess service(Service service) {
    List<ServiceProcess> running = services.get(service);
    return running.isEmpty() ? null : running.get(0);
  }

  /** Every instance of a service started so far, in start order (killed ones included). */
  public List<ServiceProcess> instances(Service service) {
    return List.copyOf(services.get(service));
  }

  /**
   * Where logs go unless told otherwise: {@code <data>/logs}, or the checkout's target/stack-logs.
   */
  public static Path defaultLogDirectory(Path projectRoot, Path dataDirectory) {
    return dataDirectory != null
        ? dataDirectory.toAbsolutePath().normalize().resolve("logs")
        : projectRoot.toAbsolutePath().normalize().resolve("target/stack-logs");
  }

  /** Where the service logs go. */
  public Path logDirectory() {
    return logs;
  }

  /**
   * Starts one more instance of a service on a free port and waits until it is ready, e.g. to
   * replace one a test killed.
   */
  public ServiceProcess startInstance(Service service) {
    ServiceProcess started = launch(service, 0);
    started.awaitReady(READY_TIMEOUT);
    options.progress.accept(started.name() + " ready at " + started.baseUri());
    return started;
  }

  /**
   * The environment a service instance gets: where Kafka and its database are, where users are
   * checked, the first admin, and the builder's own variables.
   */
  public Map<String, String> environmentFor(Service service) {
    Map<String, String> env = new LinkedHashMap<>(infrastructure.environmentFor(service));
    // alert-service keeps the users; the other services check credentials with it.
    env.put("NEWSWATCH_AUTH_DIRECTORY_URL", service(Service.ALERT).baseUri().toString());
    env.put("NEWSWATCH_ADMIN_USER", admin.username());
    env.put("NEWSWATCH_ADMIN_PASSWORD", admin.password());
    env.putAll(options.environment);
    return env;
  }

  /**
   * Stops every service instance (gracefully, all at once: each finishes its own work), then broker
   * and database. Safe to call while the stack is still starting, from any thread, more than once:
   * every call returns once everything has stopped. A starting broker or database is waited for and
   * then stopped, so nothing that was starting is left behind when the caller exits right after (as
   * the JVM does after its shutdown hooks). The caller's interrupt does not cut the stopping short;
   * it is kept for the caller.
   */
  @Override
  public void close() {
    boolean interrupted = Thread.interrupted();
    try {
      boolean first;
      synchronized (this) {
        first = !closed;
        closed = true;
      }
      if (first) {
        stopEverything();
      }
      Uninterruptibly.await(stopped, Duration.ofMinutes(5));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void stopEverything() {
    try {
      // Until then, a broker or database may be starting that no field refers to yet.
      Uninterruptibly.await(infrastructureSettled, INFRASTRUCTURE_START_TIMEOUT);
      List<ServiceProcess> running = new ArrayList<>();
      synchronized (this) {
        services.values().forEach(running::addAll);
      }
      List<Thread> stopping = new ArrayList<>();
      for (ServiceProcess process : running) {
        Thread thread = new Thread(process::close, "stop-" + process.name());
        thread.start();
        stopping.add(thread);
      }
      for (Thread thread : stopping) {
        Uninterruptibly.join(thread);
      }
      if (infrastructure != null) {
        infrastructure.close();
      }
    } finally {
      stopped.countDown();
    }
  }

  private void startAll() {
    options.progress.accept("starting Kafka and PostgreSQL");
    Infrastructure started;
    try {
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException("stopped while starting");
        }
      }
      started = Infrastructure.start(options.dataDirectory);
      synchronized (this) {
        // Set even when closed meanwhile: close() stops it.
        infrastructure = started;
        if (closed) {
          throw new IllegalStateException("stopped while starting");
        }
      }
    } finally {
      infrastructureSettled.countDown();
    }
    options.progress.accept(
        "Kafka at "
            + started.kafka().bootstrapServers()
            + ", PostgreSQL at 127.0.0.1:"
            + started.postgres().port());
    options.changed.accept(this);
    // alert-service first: the others check credentials with it, so its URL must be known.
    List<Service> order = List.of(Service.ALERT, Service.INGEST, Service.CLASSIFY);
    for (Service service : order) {
      for (int i = 0; i < options.instances.get(service); i++) {
        launch(service, i == 0 ? options.ports.get(service) : 0);
      }
    }
    for (Service service : Service.values()) {
      for (ServiceProcess process : services.get(service)) {
        process.awaitReady(READY_TIMEOUT);
        options.progress.accept(process.name() + " ready at " + process.baseUri());
      }
    }
  }

  private ServiceProcess launch(Service service, int port) {
    ServiceProcess process;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("stopped while starting");
      }
      int instance = services.get(service).size() + 1;
      String name = instance == 1 ? service.module() : service.module() + "-" + instance;
      Map<String, String> env =
          service == Service.ALERT && services.get(Service.ALERT).isEmpty()
              ? firstAlertEnvironment()
              : environmentFor(service);
      options.progress.accept("starting " + name);
      process =
          ServiceProcess.start(
              name,
              options.projectRoot.resolve(service.module()).resolve("target/quarkus-app"),
              FreePorts.orFree(port),
              env,
              options.jvmOptions,
              logs.resolve(name + ".log"));
      services.get(service).add(process);
    }
    options.changed.accept(this);
    return process;
  }

  /** The first alert-service is its own user directory: it needs no directory URL. */
  private Map<String, String> firstAlertEnvironment() {
    Map<String, String> env = new LinkedHashMap<>(infrastructure.environmentFor(Service.ALERT));
    env.put("NEWSWATCH_ADMIN_USER", admin.username());
    env.put("NEWSWATCH_ADMIN_PASSWORD", admin.password());
    env.putAll(options.environment);
    return env;
  }

  /** Options of a local stack. */
  public static final class Builder {
    private final Path projectRoot;
    private Path dataDirectory;
    private Path logDirectory;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, Integer> instances = new EnumMap<>(Service.class);
    private final Map<String, String> environment = new LinkedHashMap<>();
    // The serial collector: on one machine whose cores every process shares, G1's concurrent
    // threads and barriers cost alert-service a quarter of its CPU under load (0.50 against 0.36
    // cores at 1,500 items/s), and pauses of a heap this small stay within milliseconds.
    private final List<String> jvmOptions =
        new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC"));
    private Consumer<String> progress = message -> {};
    private Consumer<LocalStack> created = stack -> {};
    private Consumer<LocalStack> changed = stack -> {};
    private String adminPassword = System.getenv("NEWSWATCH_ADMIN_PASSWORD");

    private Builder(Path projectRoot) {
      this.projectRoot = projectRoot.toAbsolutePath().normalize();
      for (Service service : Service.values()) {
        ports.put(service, service.defaultPort());
        instances.put(service, 1);
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

    /**
     * HTTP port of the first instance of a service; 0 for a free one. Further ones get free ports.
     */
    public Builder port(Service service, int port) {
      ports.put(service, port);
      return this;
    }

    /** How many instances of a service to start (1 by default), in the same consumer group. */
    public Builder instances(Service service, int count) {
      if (count < 1) {
        throw new IllegalArgumentException("at least one instance of " + service.module());
      }
      instances.put(service, count);
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

    /**
     * Called with the stack before anything starts, so that a caller can stop it (e.g. from a
     * shutdown hook) even while it is starting.
     */
    public Builder onCreated(Consumer<LocalStack> created) {
      this.created = created;
      return this;
    }

    /** Called whenever a process was started, e.g. to record it in a state file. */
    public Builder onChange(Consumer<LocalStack> changed) {
      this.changed = changed;
      return this;
    }

    /** Starts everything and waits until every instance is ready; stops all of it on failure. */
    public LocalStack start() {
      Credentials admin =
          new Credentials(
              "admin",
              adminPassword == null || adminPassword.isBlank()
                  ? generatedPassword()
                  : adminPassword);
      LocalStack stack =
          new LocalStack(this, admin, logDirectory != null ? logDirectory : defaultLogDirectory());
      created.accept(stack);
      try {
        stack.startAll();
        return stack;
      } catch (RuntimeException e) {
        stack.close();
        throw e;
      }
    }

    /** A password for a first admin, when nobody chose one. */
    public static String generatedPassword() {
      byte[] random = new byte[12];
      new SecureRandom().nextBytes(random);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private Path defaultLogDirectory() {
      return LocalStack.defaultLogDirectory(projectRoot, dataDirectory);
    }
  }
}
