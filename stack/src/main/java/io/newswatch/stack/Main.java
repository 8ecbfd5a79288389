package io.newswatch.stack;

import java.util.List;

/**
 * The local stack launcher: {@code ./newswatch up|demo|status|stop}, or {@code java -jar
 * stack/target/newswatch-launcher.jar} with the same arguments.
 *
 * <p>{@code up} and {@code demo} start Kafka, PostgreSQL and the packaged services, print where
 * they listen, and run until Ctrl-C or SIGTERM, then stop everything they started.
 */
public final class Main {

  private static final String USAGE =
      """
      usage: %1$s <command> [options]

      commands:
        demo                start NewsWatch with demo feeds, a watch officer and the subscription
                            'ISKP OR Badakhshan'; print alerts as they arrive
        up                  start NewsWatch without demo data
        status              show what runs
        stop                stop NewsWatch (one started with --detach, or in another terminal)
        help                this text

      options of up (demo takes the ports and --scale):
        --feeds FILE.opml   import the feeds of an OPML file once NewsWatch is up
        --data DIR          keep Kafka and PostgreSQL data in DIR between runs (default: temporary,
                            deleted when NewsWatch stops); logs go to DIR/logs
        --detach            start in the background and return once NewsWatch is ready
        --ingest-port N     HTTP port of ingest-service (default 8081; 0 = any free port)
        --classify-port N   HTTP port of classify-service (default 8082)
        --alert-port N      HTTP port of alert-service (default 8083)
        --scale SERVICE=N   run N instances of a service (ingest, classify or alert), in the same
                            consumer group, on free ports after the first
        --root DIR          the NewsWatch checkout (default: the current directory)

      environment: NEWSWATCH_ADMIN_PASSWORD (the first admin's password, for new data),
      NEWSWATCH_FETCH_ALLOW and every other NEWSWATCH_* or QUARKUS_* variable reach the services.
      """;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    String program =
        System.getProperty("newswatch.program", "java -jar stack/target/newswatch-launcher.jar");
    LauncherOptions options;
    try {
      options = LauncherOptions.parse(List.of(args));
    } catch (LauncherOptions.UsageException e) {
      System.err.println("newswatch: " + e.getMessage());
      System.err.println("'" + program + " help' lists the commands and options.");
      System.exit(2);
      return;
    }
    System.exit(run(options, program));
  }

  private static int run(LauncherOptions options, String program) throws InterruptedException {
    switch (options.command()) {
      case HELP -> {
        System.out.print(String.format(USAGE, program));
        return 0;
      }
      case STATUS -> {
        return StackControl.status(options.root(), System.out, program);
      }
      case STOP -> {
        return StackControl.stop(options.root(), System.out);
      }
      default -> {
        Launcher launcher = new Launcher(options, System.out, program);
        try {
          if (!options.background()) {
            // The background launcher's parent has checked already, and holds nothing now.
            launcher.check();
          }
          return options.detach() ? launcher.runDetached() : launcher.runHere();
        } catch (Launcher.CannotStart e) {
          System.err.println("newswatch: " + e.getMessage());
          return 1;
        }
      }
    }
  }
}
