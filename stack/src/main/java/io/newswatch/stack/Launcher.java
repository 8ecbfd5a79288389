package io.newswatch.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code up} and {@code demo}: checks what can be checked before anything starts, starts the
 * local stack in this process (or, with {@code --detach}, in a background launcher), records it in
 * the state file, and stops all of it on Ctrl-C or SIGTERM.
 */
final class Launcher {

  /** How long the demo waits between two releases: 25 items take about a minute and a half. */
  static final Duration DEMO_RELEASE_INTERVAL = Duration.ofMillis(3500);

  /** A problem found before anything started, with a message for the user. */
  static final class CannotStart extends Exception {
    CannotStart(String message) {
      super(message);
    }
  }

  private final LauncherOptions options;
  private final PrintStream out;
  private final String program;
  private final Path root;
  private final Object stateLock = new Object();
  private StackState state;

  Launcher(LauncherOptions options, PrintStream out, String program) {
    this.options = options;
    this.out = out;
    this.program = program;
    this.root = options.root().toAbsolutePath().normalize();
  }

  /**
   * Checks that the services are packaged, the feeds file is readable, the ports are free and no
   * stack of this checkout runs.
   */
  void check() throws CannotStart {
    for (Service service : Service.values()) {
      Path runner = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
      if (!Files.isRegularFile(runner)) {
        throw new CannotStart(
            service.module()
                + " is not built ("
                + runner
                + " is missing): run ./newswatch, which builds what is missing, or ./mvnw -B package"
                + " -DskipTests");
      }
    }
    if (options.feeds() != null) {
      try {
        OpmlImport.read(options.feeds());
      } catch (IOException e) {
        throw new CannotStart("--feeds: " + e.getMessage());
      }
    }
    if (StackLock.isHeld(StackState.directory(root))) {
      throw new CannotStart(
          "NewsWatch is already running from this checkout: '"
              + program
              + " status' shows it, '"
              + program
              + " stop' stops it");
    }
    for (Service service : Service.values()) {
      int port = options.port(service);
      if (port != 0 && !FreePorts.isFree(port)) {
        throw new CannotStart(
            "port "
                + port
                + " for "
                + service.module()
                + " is in use by another program; choose another with --"
                + service.module().replace("-service", "")
                + "-port N");
      }
    }
    if (options.command() == LauncherOptions.Command.DEMO
        && ModuleLayer.boot().findModule("jdk.httpserver").isEmpty()) {
      throw new CannotStart(
          "the demo serves its feeds with the jdk.httpserver module, which this Java runtime lacks;"
              + " use a full JDK 17 or newer");
    }
  }

  /** Runs the stack in this process until Ctrl-C or SIGTERM. */
  int runHere() throws CannotStart {
    Path stateDirectory = StackState.directory(root);
    StackLock lock =
        StackLock.tryAcquire(stateDirectory)
            .orElseThrow(
                () ->
                    new CannotStart(
                        "NewsWatch is already running from this checkout: '"
                            + program
                            + " stop' stops it"));
    StackState.read(StackState.file(root))
        .ifPresent(
            stale -> {
              // The lock was free: that launcher is gone. End what its watchdogs may have missed.
              StackControl.endLeftovers(stale, out);
            });
    boolean demo = options.command() == LauncherOptions.Command.DEMO;
    Path logs = LocalStack.defaultLogDirectory(root, options.dataDirectory());
    record(
        StackState.starting(
            StackState.Proc.of(ProcessHandle.current()),
            demo ? "demo" : "up",
            options.background(),
            options.dataDirectory(),
            logs));

    FeedServer demoFeeds = demo ? FeedServer.start() : null;
    AtomicReference<LocalStack> stack = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    AtomicBoolean stopping = new AtomicBoolean();
    AtomicBoolean ready = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  say("stopping: services finish their work, then PostgreSQL and Kafka");
                  stopping.set(true);
                  if (ready.get()) {
                    // Ends the demo's printing. Not while starting: Kafka's and PostgreSQL's
                    // start-up would fail with stack traces; close() waits for them instead.
                    main.interrupt();
                  }
                  update(current -> current.with(StackState.Phase.stopping));
                  try {
                    if (stack.get() != null) {
                      stack.get().close();
                    }
                    if (demoFeeds != null) {
                      demoFeeds.close();
                    }
                  } catch (RuntimeException e) {
                    say("while stopping: " + e.getMessage());
                  } finally {
                    try {
                      Files.deleteIfExists(StackState.file(root));
                    } catch (IOException e) {
                      // stale state is recognised by the free lock
                    }
                    lock.close();
                    say("stopped");
                    stopped.countDown();
                  }
                },
                "newswatch-stop"));

    LocalStack.Builder builder =
        LocalStack.builder(root)
            .dataDirectory(options.dataDirectory())
            .logDirectory(logs)
            .progress(
                message -> {
                  if (!stopping.get()) { // what is still starting while it stops is no news
                    say(message);
                  }
                })
            .onCreated(stack::set)
            .onChange(this::record);
    for (Service service : Service.values()) {
      builder.port(service, options.port(service)).instances(service, options.instances(service));
    }
    if (demoFeeds != null) {
      // The demo feeds are served on loopback, which the URL guard admits only when told.
      String allowed = System.getenv("NEWSWATCH_FETCH_ALLOW");
      builder.environment(
          "NEWSWATCH_FETCH_ALLOW",
          allowed == null || allowed.isBlank()
              ? demoFeeds.hostAndPort()
              : allowed + "," + demoFeeds.hostAndPort());
    }
    LocalStack running;
    try {
      running = builder.start();
    } catch (RuntimeException e) {
      // Ctrl-C or SIGTERM while starting (whatever the start was doing then reports it): the
      // shutdown hook stops everything.
      if (stopping.get() || Thread.interrupted()) {
        return 130;
      }
      out.println("newswatch: NewsWatch did not start: " + e.getMessage());
      return 1;
    }
    ready.set(true);
    if (stopping.get()) {
      // Stopped right as it became ready (else the hook, seeing it ready, interrupts this thread).
      Uninterruptibly.await(stopped, Duration.ofMinutes(5));
      return 130;
    }
    update(current -> current.with(StackState.Phase.ready));
    if (options.background()) {
      say("ready");
    } else {
      afterReady(snapshot(), running.admin(), options.feeds(), out, program);
    }
    if (demo) {
      try {
        new Demo(running, demoFeeds, out, DEMO_RELEASE_INTERVAL).run();
      } catch (IOException e) {
        if (!Thread.currentThread().isInterrupted()) {
          say("the demo failed: " + e.getMessage() + "; NewsWatch keeps running, Ctrl-C stops it");
        }
      } catch (InterruptedException e) {
        // Ctrl-C or SIGTERM: the shutdown hook stops everything.
      }
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Ctrl-C or SIGTERM: the shutdown hook stops everything.
    }
    return 0;
  }

  /**
   * Starts the stack in a background launcher and returns once it is ready, showing its progress
   * meanwhile. The background launcher ignores the terminal's hangup, so closing the terminal
   * leaves it running; {@code stop} ends it.
   */
  int runDetached() throws CannotStart, InterruptedException {
    String password = System.getenv("NEWSWATCH_ADMIN_PASSWORD");
    boolean generated = password == null || password.isBlank();
    if (generated) {
      password = LocalStack.Builder.generatedPassword();
    }
    Path logs = LocalStack.defaultLogDirectory(root, options.dataDirectory());
    Path log = logs.resolve("launcher.log");
    List<String> command = new ArrayList<>(List.of("sh", "-c", "trap '' HUP; exec \"$@\""));
    command.add("newswatch-launcher");
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The collector the newswatch script gives the launcher, which hosts the Kafka broker.
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dnewswatch.program=" + program);
    command.add(Main.class.getName());
    command.addAll(options.backgroundArguments());
    Process child;
    long offset;
    try {
      Files.createDirectories(logs);
      offset = Files.exists(log) ? Files.size(log) : 0;
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectErrorStream(true);
      builder.environment().put("NEWSWATCH_ADMIN_PASSWORD", password);
      child = builder.start();
    } catch (IOException e) {
      throw new CannotStart("cannot start the background launcher: " + e.getMessage());
    }
    Thread abandon =
        new Thread(
            () -> {
              // Ctrl-C while starting: do not leave a half-started stack behind.
              child.destroy();
              try {
                child.waitFor();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "newswatch-abandon");
    Runtime.getRuntime().addShutdownHook(abandon);
    say("starting in the background (launcher pid " + child.pid() + ", log " + log + ")");
    LogTail tail = new LogTail(log, offset);
    StackState ready = null;
    while (ready == null) {
      tail.printNewLines(out);
      Optional<StackState> current = StackState.read(StackState.file(root));
      if (current.isPresent()
          && current.get().launcher().pid() == child.pid()
          && current.get().phase() == StackState.Phase.ready) {
        ready = current.get();
      } else if (!child.isAlive()) {
        Thread.sleep(200);
        tail.printNewLines(out);
        Runtime.getRuntime().removeShutdownHook(abandon);
        out.println(
            "newswatch: NewsWatch did not start (background launcher exited with code "
                + child.exitValue()
                + "); see "
                + log);
        return 1;
      } else {
        Thread.sleep(200);
      }
    }
    tail.printNewLines(out);
    Runtime.getRuntime().removeShutdownHook(abandon);
    afterReady(
        ready,
        new LocalStack.Credentials("admin", password),
        options.feeds(),
        out,
        program,
        generated);
    return 0;
  }

  /**
   * What follows a successful start: checks the admin's credentials, prints the summary, imports
   * the feeds of {@code --feeds}.
   */
  static void afterReady(
      StackState state, LocalStack.Credentials admin, Path feeds, PrintStream out, String program) {
    String chosen = System.getenv("NEWSWATCH_ADMIN_PASSWORD");
    afterReady(state, admin, feeds, out, program, chosen == null || chosen.isBlank());
  }

  private static void afterReady(
      StackState state,
      LocalStack.Credentials admin,
      Path feeds,
      PrintStream out,
      String program,
      boolean generated) {
    URI alert = URI.create(first(state, Service.ALERT).url());
    ApiClient client = ApiClient.as(admin);
    boolean valid = signsIn(client, alert);
    String signIn =
        valid
            ? "sign in as "
                + admin.username()
                + " with password "
                + admin.password()
                + (generated ? " (generated: set NEWSWATCH_ADMIN_PASSWORD to choose it)" : "")
            : "sign in as "
                + admin.username()
                + " with the password it got when "
                + state.dataDirectory()
                + " was first used (NEWSWATCH_ADMIN_PASSWORD applies to new data only)";
    StackReport.summary(state, signIn, program).forEach(line -> out.println("[newswatch] " + line));
    if (feeds != null) {
      if (!valid) {
        out.println(
            "newswatch: cannot import "
                + feeds
                + ": the admin password was refused; set NEWSWATCH_ADMIN_PASSWORD to the admin's"
                + " password and import with POST /feeds/import");
        return;
      }
      try {
        OpmlImport.run(URI.create(first(state, Service.INGEST).url()), client, feeds)
            .forEach(line -> out.println("[newswatch] " + line));
      } catch (IOException e) {
        out.println("newswatch: cannot import " + feeds + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean signsIn(ApiClient client, URI alert) {
    try {
      client.get(alert.resolve("/users/me"));
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static StackState.Instance first(StackState state, Service service) {
    return state.services().stream()
        .filter(instance -> instance.service().equals(service.module()))
        .findFirst()
        .orElseThrow();
  }

  /** Records the processes of a stack as they start. */
  private void record(LocalStack stack) {
    update(
        current -> {
          StackState next =
              new StackState(
                  current.launcher(),
                  current.mode(),
                  current.detached(),
                  current.phase(),
                  current.dataDirectory(),
                  current.logDirectory(),
                  null,
                  null,
                  null,
                  List.of());
          Infrastructure infrastructure = stack.infrastructure();
          if (infrastructure != null) {
            next =
                next.withInfrastructure(
                    infrastructure.kafka().bootstrapServers(),
                    ProcessHandle.of(infrastructure.postgres().pid())
                        .map(StackState.Proc::of)
                        .orElse(new StackState.Proc(infrastructure.postgres().pid(), null)),
                    infrastructure.postgres().port());
          }
          for (Service service : Service.values()) {
            for (ServiceProcess process : stack.instances(service)) {
              next =
                  next.withInstance(
                      new StackState.Instance(
                          service.module(),
                          process.name(),
                          ProcessHandle.of(process.pid())
                              .map(StackState.Proc::of)
                              .orElse(new StackState.Proc(process.pid(), null)),
                          process.baseUri().toString(),
                          process.logFile().toString()));
            }
          }
          return next;
        });
  }

  private void record(StackState initial) {
    synchronized (stateLock) {
      state = initial;
      state.write(StackState.file(root));
    }
  }

  private void update(java.util.function.UnaryOperator<StackState> change) {
    synchronized (stateLock) {
      state = change.apply(state);
      state.write(StackState.file(root));
    }
  }

  private StackState snapshot() {
    synchronized (stateLock) {
      return state;
    }
  }

  private void say(String message) {
    out.println("[newswatch] " + message);
  }
}
