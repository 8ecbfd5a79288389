package io.newswatch.system.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What NewsWatch's docker-compose file must get right, checked without a Docker engine: every rule
 * says what is wrong and where, so that a broken file fails the build with a readable list.
 *
 * <p>The services built from this repository are checked against what they actually read (see
 * {@link ServiceConfiguration}), the infrastructure against what the services expect of it.
 */
final class ComposeRules {

  /** Environment names a JVM container may take besides the services' own configuration. */
  static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS", "TZ");

  /**
   * Prefixes of the variables that configure a service, and must therefore mean something to it.
   */
  static final List<String> CONFIGURATION_PREFIXES = List.of("NEWSWATCH_", "QUARKUS_", "KAFKA_");

  /** The parts of the Quarkus fast-jar layout an image must copy. */
  static final List<String> FAST_JAR =
      List.of(
          "target/quarkus-app/lib/",
          "target/quarkus-app/app/",
          "target/quarkus-app/quarkus/",
          "target/quarkus-app/quarkus-run.jar");

  /**
   * Advisory locks alert-service takes per item of a batch, held until the batch is stored: its
   * link key and its 24 text band keys (see alert-service's StoryRepository).
   */
  static final int STORY_LOCKS_PER_ITEM = 25;

  /** alert-service instances whose batches the compose file's PostgreSQL must hold locks for. */
  static final int ALERT_INSTANCES = 4;

  /** The alert-service setting that bounds a batch. */
  static final String ALERT_BATCH = "mp.messaging.incoming.classified-items.max.poll.records";

  private static final Pattern JDBC_URL =
      Pattern.compile("jdbc:postgresql://([\\w.-]+)(?::(\\d+))?/(\\w+).*");

  private final ComposeFile compose;
  private final Path root;
  private final Function<String, ServiceConfiguration> configuration;
  private final Map<String, Integer> topics;
  private final List<String> problems = new ArrayList<>();

  /**
   * @param root the directory of the compose file, against which build contexts and mounted files
   *     resolve
   * @param configuration what the service built from a module (by module name) knows
   * @param topics the topics the services use, with the partitions each needs at least
   */
  private ComposeRules(
      ComposeFile compose,
      Path root,
      Function<String, ServiceConfiguration> configuration,
      Map<String, Integer> topics) {
    this.compose = compose;
    this.root = root;
    this.configuration = configuration;
    this.topics = topics;
  }

  /** Every problem of a compose file; empty when it is right. */
  static List<String> check(
      ComposeFile compose,
      Path root,
      Function<String, ServiceConfiguration> configuration,
      Map<String, Integer> topics) {
    ComposeRules rules = new ComposeRules(compose, root, configuration, topics);
    rules.run();
    return List.copyOf(rules.problems);
  }

  private void run() {
    if (compose.services().isEmpty()) {
      problem("compose", "no services");
      return;
    }
    Optional<String> kafka = byImage("apache/kafka:");
    Optional<String> postgres = byImage("postgres:");
    if (kafka.isEmpty()) {
      problem("compose", "no Kafka broker from the official apache/kafka image");
    }
    if (postgres.isEmpty()) {
      problem("compose", "no PostgreSQL from the official postgres image");
    }
    if (compose.services().stream()
        .noneMatch(name -> compose.service(name).path("image").asText("").contains("mailpit"))) {
      problem("compose", "no mail catcher (mailpit) for email alerts");
    }
    kafka.ifPresent(this::kraft);
    for (String service : compose.services()) {
      healthcheck(service);
      dependencies(service);
    }
    Map<String, ServiceConfiguration> built = new LinkedHashMap<>();
    for (String service : compose.services()) {
      if (compose.isBuilt(service)) {
        String module = Path.of(compose.buildContext(service)).normalize().getFileName().toString();
        built.put(service, configuration.apply(module));
      }
    }
    for (String module : List.of("ingest-service", "classify-service", "alert-service")) {
      if (built.values().stream().noneMatch(c -> c.module().equals(module))) {
        problem("compose", "no service built from ./" + module);
      }
    }
    String users = usersService(built);
    Map<String, String> databases = new HashMap<>();
    for (Map.Entry<String, ServiceConfiguration> service : built.entrySet()) {
      String name = service.getKey();
      ServiceConfiguration config = service.getValue();
      image(name, config);
      scalable(name);
      environmentNames(name, config);
      int port = httpPort(name, config);
      ports(name, port);
      readinessCheck(name, port);
      kafkaClient(name, config, kafka.orElse(null));
      database(name, config, postgres.orElse(null), databases);
      authentication(name, config, users, built);
    }
    topicsCreated();
    postgres.ifPresent(p -> storyLocks(p, built.values()));
  }

  // --- infrastructure ---

  private Optional<String> byImage(String prefix) {
    return compose.services().stream()
        .filter(name -> compose.service(name).path("image").asText("").startsWith(prefix))
        .filter(name -> !compose.isOneShot(name))
        .findFirst();
  }

  private void kraft(String kafka) {
    Map<String, String> environment = compose.environment(kafka);
    String roles = environment.getOrDefault("KAFKA_PROCESS_ROLES", "");
    if (!roles.contains("broker") || !roles.contains("controller")) {
      problem(kafka, "KAFKA_PROCESS_ROLES must be broker,controller (KRaft), was '" + roles + "'");
    }
    if (!environment.containsKey("KAFKA_CONTROLLER_QUORUM_VOTERS")
        && !environment.containsKey("KAFKA_CONTROLLER_QUORUM_BOOTSTRAP_SERVERS")) {
      problem(kafka, "no controller quorum (KAFKA_CONTROLLER_QUORUM_VOTERS)");
    }
    environment.keySet().stream()
        .filter(name -> name.contains("ZOOKEEPER"))
        .forEach(name -> problem(kafka, name + ": KRaft needs no ZooKeeper"));
  }

  private void healthcheck(String service) {
    if (compose.isOneShot(service)) {
      return;
    }
    JsonNode healthcheck = compose.service(service).path("healthcheck");
    JsonNode test = healthcheck.path("test");
    boolean empty =
        test.isMissingNode()
            || (test.isArray() && (test.isEmpty() || "NONE".equals(test.get(0).asText())))
            || (test.isTextual() && test.asText().isBlank());
    if (empty || healthcheck.path("disable").asBoolean(false)) {
      problem(service, "no healthcheck");
    }
  }

  private void dependencies(String service) {
    compose
        .dependsOn(service)
        .forEach(
            (target, condition) -> {
              if (compose.service(target).isMissingNode()) {
                problem(service, "depends on " + target + ", which is not a service");
                return;
              }
              String expected =
                  compose.isOneShot(target) ? "service_completed_successfully" : "service_healthy";
              if (!expected.equals(condition)) {
                problem(
                    service,
                    "depends on "
                        + target
                        + " with condition "
                        + condition
                        + ", must be "
                        + expected);
              }
            });
  }

  private void topicsCreated() {
    Optional<String> init =
        compose.services().stream()
            .filter(compose::isOneShot)
            .filter(name -> compose.environment(name).containsKey("TOPICS"))
            .findFirst();
    if (init.isEmpty()) {
      problem("compose", "no one-shot service creates the topics (environment TOPICS)");
      return;
    }
    String service = init.get();
    String script =
        compose.service(service).path("command").toString()
            + compose.service(service).path("entrypoint").toString();
    if (!script.contains("TOPICS") || !script.contains("--partitions")) {
      problem(service, "its command does not create the TOPICS with their --partitions");
    }
    Map<String, Integer> created = new HashMap<>();
    for (String spec : compose.environment(service).get("TOPICS").trim().split("\\s+")) {
      int colon = spec.lastIndexOf(':');
      try {
        created.put(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)));
      } catch (RuntimeException e) {
        problem(service, "TOPICS entry '" + spec + "' is not topic:partitions");
      }
    }
    topics.forEach(
        (topic, partitions) -> {
          Integer count = created.get(topic);
          if (count == null) {
            problem(service, "does not create topic " + topic);
          } else if (count < partitions) {
            problem(
                service,
                "creates " + topic + " with " + count + " partitions, needs " + partitions);
          }
        });
  }

  // --- services built from this repository ---

  private void image(String service, ServiceConfiguration config) {
    Path context = root.resolve(compose.buildContext(service)).normalize();
    if (!Files.isDirectory(context)) {
      problem(service, "build context " + compose.buildContext(service) + " does not exist");
      return;
    }
    Path dockerfile = context.resolve(compose.dockerfile(service));
    if (!Files.isRegularFile(dockerfile)) {
      problem(service, "Dockerfile " + root.relativize(dockerfile) + " does not exist");
      return;
    }
    String text = read(dockerfile);
    List<String> copies =
        text.lines().map(String::strip).filter(line -> line.startsWith("COPY")).toList();
    for (String part : FAST_JAR) {
      if (copies.stream().noneMatch(line -> line.contains(part))) {
        problem(service, "the Dockerfile does not copy " + part + " (Quarkus fast-jar)");
      }
    }
    boolean runs =
        text.lines()
            .map(String::strip)
            .anyMatch(
                line ->
                    (line.startsWith("ENTRYPOINT") || line.startsWith("CMD"))
                        && line.contains("quarkus-run.jar"));
    if (!runs) {
      problem(service, "the Dockerfile does not run quarkus-run.jar");
    }
  }

  private void scalable(String service) {
    JsonNode definition = compose.service(service);
    if (definition.has("container_name")) {
      problem(service, "has a container_name: it could not be scaled");
    }
    if (definition.has("hostname")) {
      problem(service, "has a fixed hostname: its instances would share it");
    }
    for (JsonNode port : definition.path("ports")) {
      boolean fixed =
          port.isObject()
              ? port.has("published")
              : port.asText().replaceFirst("/\\w+$", "").contains(":");
      if (fixed) {
        problem(service, "publishes a fixed host port (" + port + "): it could not be scaled");
      }
    }
  }

  private void environmentNames(String service, ServiceConfiguration config) {
    compose
        .environment(service)
        .forEach(
            (name, value) -> {
              boolean configuration = CONFIGURATION_PREFIXES.stream().anyMatch(name::startsWith);
              if (configuration && !config.knows(name)) {
                problem(service, name + " is not a setting of " + config.module());
              } else if (!configuration && !RUNTIME_VARIABLES.contains(name)) {
                problem(service, name + " is neither a NewsWatch, Quarkus or Kafka setting");
              }
              if (value.matches("(?i).*\\b(localhost|127\\.0\\.0\\.1)\\b.*")) {
                problem(
                    service,
                    name + " points at " + value + ": inside a container that is the container");
              }
            });
  }

  private int httpPort(String service, ServiceConfiguration config) {
    String port =
        compose
            .environment(service)
            .getOrDefault("QUARKUS_HTTP_PORT", config.property("quarkus.http.port"));
    try {
      return Integer.parseInt(port == null ? "8080" : port);
    } catch (NumberFormatException e) {
      problem(service, "HTTP port '" + port + "' is not a number");
      return -1;
    }
  }

  private void ports(String service, int port) {
    for (JsonNode published : compose.service(service).path("ports")) {
      String target =
          published.isObject()
              ? published.path("target").asText()
              : published.asText().replaceFirst("/\\w+$", "").replaceFirst(".*:", "");
      if (!target.equals(Integer.toString(port))) {
        problem(service, "publishes port " + target + " but listens on " + port);
      }
    }
  }

  private void readinessCheck(String service, int port) {
    String test = compose.service(service).path("healthcheck").path("test").toString();
    if (!test.contains("/q/health/ready") || !test.contains(Integer.toString(port))) {
      problem(service, "its healthcheck must ask /q/health/ready on port " + port);
    }
  }

  private void kafkaClient(String service, ServiceConfiguration config, String kafka) {
    if (!config.knows("KAFKA_BOOTSTRAP_SERVERS") || kafka == null) {
      return;
    }
    String servers = compose.environment(service).get("KAFKA_BOOTSTRAP_SERVERS");
    String advertised = compose.environment(kafka).getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
    if (servers == null) {
      problem(service, "KAFKA_BOOTSTRAP_SERVERS is not set");
    } else if (!advertised.contains("://" + servers)) {
      problem(
          service,
          "KAFKA_BOOTSTRAP_SERVERS "
              + servers
              + " is not a listener that "
              + kafka
              + " advertises ("
              + advertised
              + ")");
    }
    Map<String, String> dependencies = compose.dependsOn(service);
    if (!dependencies.containsKey(kafka)) {
      problem(service, "does not depend on " + kafka);
    }
    boolean waitsForTopics =
        dependencies.keySet().stream()
            .anyMatch(d -> compose.isOneShot(d) && compose.environment(d).containsKey("TOPICS"));
    if (!waitsForTopics) {
      problem(service, "does not wait for the topics to be created");
    }
  }

  private void database(
      String service, ServiceConfiguration config, String postgres, Map<String, String> databases) {
    if (config.property("quarkus.datasource.db-kind") == null) {
      return;
    }
    Map<String, String> environment = compose.environment(service);
    for (String name :
        List.of(
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD")) {
      if (!environment.containsKey(name)) {
        problem(service, name + " is not set, and it keeps data in PostgreSQL");
      }
    }
    Matcher url = JDBC_URL.matcher(environment.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", ""));
    if (!url.matches() || postgres == null) {
      return;
    }
    String host = url.group(1);
    String database = url.group(3);
    if (!host.equals(postgres)) {
      problem(service, "its database is on " + host + ", not on the " + postgres + " service");
    }
    if (!compose.dependsOn(service).containsKey(postgres)) {
      problem(service, "does not depend on " + postgres);
    }
    String other = databases.putIfAbsent(database, service);
    if (other != null) {
      problem(service, "shares database " + database + " with " + other);
    }
    if (!initScripts(postgres).contains("CREATE DATABASE " + database)) {
      problem(
          service,
          "database "
              + database
              + " is created by no script mounted in "
              + postgres
              + ":/docker-entrypoint-initdb.d");
    }
  }

  /**
   * PostgreSQL's lock table holds {@code max_locks_per_transaction} times {@code max_connections}
   * locks (64 and 100 unless the server's command line says otherwise); every alert-service
   * instance holds up to {@link #STORY_LOCKS_PER_ITEM} a record of its batch while it stores it. A
   * table too small fails batches with "out of shared memory" once the service is scaled.
   */
  private void storyLocks(String postgres, java.util.Collection<ServiceConfiguration> built) {
    for (ServiceConfiguration config : built) {
      if (!config.module().equals("alert-service")) {
        continue;
      }
      String records = config.property(ALERT_BATCH);
      int batch = records == null ? 500 : Integer.parseInt(records.strip()); // Kafka's default
      long each = (long) STORY_LOCKS_PER_ITEM * batch;
      String command = compose.service(postgres).path("command").toString();
      long perTransaction = serverSetting(command, "max_locks_per_transaction", 64);
      long connections = serverSetting(command, "max_connections", 100);
      if (perTransaction * connections < each * ALERT_INSTANCES) {
        problem(
            postgres,
            String.format(
                Locale.ROOT,
                "its lock table (max_locks_per_transaction %d x max_connections %d) holds fewer"
                    + " than the story locks of %d alert-service instances (%d each: %d a record"
                    + " of a batch of %d); set max_locks_per_transaction to %d or more",
                perTransaction,
                connections,
                ALERT_INSTANCES,
                each,
                STORY_LOCKS_PER_ITEM,
                batch,
                (each * ALERT_INSTANCES + connections - 1) / connections));
      }
    }
  }

  /** A {@code -c name=value} setting of a server's command line, or its default. */
  private static long serverSetting(String command, String name, long defaultValue) {
    Matcher setting = Pattern.compile("\\b" + name + "=(\\d+)").matcher(command);
    return setting.find() ? Long.parseLong(setting.group(1)) : defaultValue;
  }

  private String initScripts(String postgres) {
    StringBuilder scripts = new StringBuilder();
    for (JsonNode volume : compose.service(postgres).path("volumes")) {
      String[] parts = volume.asText().split(":");
      if (parts.length >= 2 && parts[1].startsWith("/docker-entrypoint-initdb.d")) {
        Path script = root.resolve(parts[0]).normalize();
        if (Files.isRegularFile(script)) {
          scripts.append(read(script));
        } else {
          problem(postgres, "mounts " + parts[0] + ", which does not exist");
        }
      }
    }
    return scripts.toString();
  }

  /** The built service that keeps the users: the one that creates the first admin. */
  private String usersService(Map<String, ServiceConfiguration> built) {
    List<String> keepers =
        built.entrySet().stream()
            .filter(entry -> entry.getValue().knows("NEWSWATCH_ADMIN_PASSWORD"))
            .map(Map.Entry::getKey)
            .toList();
    if (keepers.size() != 1) {
      problem("compose", "expected one service that keeps the users, found " + keepers);
      return null;
    }
    if (!compose.environment(keepers.get(0)).containsKey("NEWSWATCH_ADMIN_PASSWORD")) {
      problem(keepers.get(0), "NEWSWATCH_ADMIN_PASSWORD (the first admin's) is not set");
    }
    return keepers.get(0);
  }

  private void authentication(
      String service,
      ServiceConfiguration config,
      String users,
      Map<String, ServiceConfiguration> built) {
    if (users == null || service.equals(users) || !config.knows("NEWSWATCH_AUTH_DIRECTORY_URL")) {
      return;
    }
    String expected = "http://" + users + ":" + httpPort(users, built.get(users));
    String url = compose.environment(service).get("NEWSWATCH_AUTH_DIRECTORY_URL");
    if (!expected.equals(url)) {
      problem(
          service,
          "NEWSWATCH_AUTH_DIRECTORY_URL must be "
              + expected
              + " (where users are checked), was "
              + url);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void problem(String where, String what) {
    problems.add(where + ": " + what);
  }
}
