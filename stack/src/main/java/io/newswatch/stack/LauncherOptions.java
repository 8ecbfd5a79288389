package io.newswatch.stack;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The launcher's command line, parsed and checked before anything starts: the command and its
 * options, or a {@link UsageException} that says what is wrong.
 *
 * @param command what to do
 * @param root the NewsWatch checkout with the packaged services
 * @param dataDirectory where Kafka and PostgreSQL keep their data; null for temporary storage
 * @param feeds an OPML file whose feeds are imported once the stack is up; null for none
 * @param detach start in the background and return once the stack is ready
 * @param background internal: this process is the background launcher a {@code --detach} started
 * @param ports HTTP port of the first instance of each service; 0 for a free one
 * @param instances how many instances of each service
 */
public record LauncherOptions(
    Command command,
    Path root,
    Path dataDirectory,
    Path feeds,
    boolean detach,
    boolean background,
    Map<Service, Integer> ports,
    Map<Service, Integer> instances) {

  /** Most instances of one service the launcher starts: each is a JVM of a few hundred MB. */
  public static final int MAX_INSTANCES = 8;

  private static final Set<String> VALUED =
      Set.of(
          "--root",
          "--data",
          "--feeds",
          "--ingest-port",
          "--classify-port",
          "--alert-port",
          "--scale");

  /** What the launcher does. */
  public enum Command {
    UP,
    DEMO,
    STATUS,
    STOP,
    HELP
  }

  /** A command line that cannot be run as it is; the message says why, for the user. */
  public static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  public LauncherOptions {
    ports = Collections.unmodifiableMap(new EnumMap<>(ports));
    instances = Collections.unmodifiableMap(new EnumMap<>(instances));
  }

  /** HTTP port of the first instance of a service. */
  public int port(Service service) {
    return ports.get(service);
  }

  /** Number of instances of a service. */
  public int instances(Service service) {
    return instances.get(service);
  }

  /**
   * The arguments of the background launcher that {@code up --detach} starts: the same stack, with
   * absolute paths, and without the feeds (the detaching launcher imports them once it is ready).
   */
  public List<String> backgroundArguments() {
    List<String> arguments = new java.util.ArrayList<>();
    arguments.add("up");
    arguments.add("--root");
    arguments.add(root.toAbsolutePath().normalize().toString());
    if (dataDirectory != null) {
      arguments.add("--data");
      arguments.add(dataDirectory.toAbsolutePath().normalize().toString());
    }
    for (Service service : Service.values()) {
      arguments.add("--" + service.module().replace("-service", "") + "-port");
      arguments.add(Integer.toString(port(service)));
    }
    for (Service service : Service.values()) {
      if (instances(service) > 1) {
        arguments.add("--scale");
        arguments.add(service.module() + "=" + instances(service));
      }
    }
    arguments.add("--background");
    return arguments;
  }

  /**
   * Parses {@code <command> [options]}; options are {@code --name value} or {@code --name=value}.
   *
   * @throws UsageException for an unknown command or option, a missing or invalid value, or an
   *     option that the command does not take
   */
  public static LauncherOptions parse(List<String> args) throws UsageException {
    Deque<String> arguments = new ArrayDeque<>();
    for (String argument : args) {
      int equals = argument.indexOf('=');
      if (argument.startsWith("--") && equals > 0) {
        arguments.add(argument.substring(0, equals));
        arguments.add(argument.substring(equals + 1));
      } else {
        arguments.add(argument);
      }
    }
    String name = arguments.pollFirst();
    if (name == null) {
      throw new UsageException("a command is needed: up, demo, status or stop");
    }
    Command command = command(name);
    Path root = Path.of(".");
    Path data = null;
    Path feeds = null;
    boolean detach = false;
    boolean background = false;
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    Map<Service, Integer> instances = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      ports.put(service, service.defaultPort());
      instances.put(service, 1);
    }
    Set<String> given = new LinkedHashSet<>();
    while (!arguments.isEmpty()) {
      String option = arguments.removeFirst();
      if (!option.startsWith("--")) {
        throw new UsageException("unexpected argument '" + option + "'");
      }
      switch (option) {
        case "--detach" -> detach = true;
        case "--background" -> background = true;
        case "--help" -> command = Command.HELP;
        default -> {
          if (!VALUED.contains(option)) {
            throw new UsageException("unknown option " + option);
          }
          String value = arguments.pollFirst();
          if (value == null || value.isBlank()) {
            throw new UsageException("option " + option + " needs a value");
          }
          switch (option) {
            case "--root" -> root = Path.of(value);
            case "--data" -> data = Path.of(value);
            case "--feeds" -> feeds = Path.of(value);
            case "--ingest-port" -> ports.put(Service.INGEST, port(option, value));
            case "--classify-port" -> ports.put(Service.CLASSIFY, port(option, value));
            case "--alert-port" -> ports.put(Service.ALERT, port(option, value));
            case "--scale" -> scale(value, instances);
            default -> throw new UsageException("unknown option " + option);
          }
        }
      }
      given.add(option);
    }
    if (command == Command.HELP) {
      return new LauncherOptions(Command.HELP, root, null, null, false, false, ports, instances);
    }
    checkApplicable(command, given);
    checkDistinctPorts(ports);
    return new LauncherOptions(command, root, data, feeds, detach, background, ports, instances);
  }

  private static Command command(String name) throws UsageException {
    return switch (name) {
      case "up" -> Command.UP;
      case "demo" -> Command.DEMO;
      case "status" -> Command.STATUS;
      case "stop" -> Command.STOP;
      case "help", "-h", "--help" -> Command.HELP;
      default ->
          throw new UsageException(
              "unknown command '" + name + "': use up, demo, status, stop or help");
    };
  }

  private static void checkApplicable(Command command, Set<String> given) throws UsageException {
    List<String> allowed =
        switch (command) {
          case UP ->
              List.of(
                  "--root",
                  "--data",
                  "--feeds",
                  "--detach",
                  "--background",
                  "--ingest-port",
                  "--classify-port",
                  "--alert-port",
                  "--scale");
          case DEMO ->
              List.of("--root", "--ingest-port", "--classify-port", "--alert-port", "--scale");
          case STATUS, STOP, HELP -> List.of("--root");
        };
    for (String option : given) {
      if (!allowed.contains(option)) {
        String why =
            switch (command) {
              case DEMO ->
                  option.equals("--data")
                      ? ": the demo always starts from empty, temporary storage"
                      : option.equals("--detach")
                          ? ": the demo prints its alerts in this terminal"
                          : "";
              default -> "";
            };
        throw new UsageException(
            command.name().toLowerCase(Locale.ROOT) + " does not take " + option + why);
      }
    }
  }

  private static void checkDistinctPorts(Map<Service, Integer> ports) throws UsageException {
    Map<Integer, Service> byPort = new HashMap<>();
    for (Map.Entry<Service, Integer> entry : ports.entrySet()) {
      if (entry.getValue() == 0) {
        continue;
      }
      Service other = byPort.putIfAbsent(entry.getValue(), entry.getKey());
      if (other != null) {
        throw new UsageException(
            other.module()
                + " and "
                + entry.getKey().module()
                + " cannot both listen on port "
                + entry.getValue());
      }
    }
  }

  private static int port(String option, String value) throws UsageException {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw new UsageException(
            option + " must be a port number between 1 and 65535 (or 0 for any), was " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be a port number, was '" + value + "'");
    }
  }

  private static void scale(String value, Map<Service, Integer> instances) throws UsageException {
    int equals = value.indexOf('=');
    if (equals <= 0) {
      throw new UsageException(
          "--scale takes SERVICE=N, e.g. --scale classify=2, was '" + value + "'");
    }
    Service service = service(value.substring(0, equals));
    String count = value.substring(equals + 1);
    try {
      int n = Integer.parseInt(count);
      if (n < 1 || n > MAX_INSTANCES) {
        throw new UsageException(
            "--scale " + service.module() + " must be between 1 and " + MAX_INSTANCES);
      }
      instances.put(service, n);
    } catch (NumberFormatException e) {
      throw new UsageException("--scale needs a number of instances, was '" + count + "'");
    }
  }

  private static Service service(String name) throws UsageException {
    for (Service service : Service.values()) {
      if (service.module().equals(name) || service.module().equals(name + "-service")) {
        return service;
      }
    }
    throw new UsageException(
        "unknown service '" + name + "': use ingest, classify or alert (or their -service names)");
  }
}
