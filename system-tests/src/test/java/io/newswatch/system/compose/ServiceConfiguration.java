package io.newswatch.system.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The configuration a service knows, as environment variable names, derived from the service itself
 * rather than kept by hand: its {@code application.properties}, the {@code @ConfigMapping}
 * interfaces of its module and of the NewsWatch modules it depends on, the configuration model of
 * every Quarkus extension packaged with it, and the Kafka client's settings when it talks to Kafka.
 *
 * @param variables environment names, exact or with {@code __NAME__} placeholders (map keys)
 */
record ServiceConfiguration(
    String module, Set<String> variables, Properties applicationProperties) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("__[A-Z0-9_]+?__");
  private static final Pattern CONFIG_MAPPING =
      Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"\\s*\\)");
  private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
  private static final Pattern METHOD =
      Pattern.compile("([\\w.]+(?:<[^;(){}]*>)?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");

  /** Whether the service reads this environment variable. */
  boolean knows(String variable) {
    if (variables.contains(variable)) {
      return true;
    }
    for (String known : variables) {
      if (PLACEHOLDER.matcher(known).find()) {
        // A map key (QUARKUS_LOG_CATEGORY__CATEGORY__LEVEL): any name in its place.
        StringBuilder regex = new StringBuilder();
        String[] parts = PLACEHOLDER.split(known, -1);
        for (int i = 0; i < parts.length; i++) {
          if (i > 0) {
            regex.append("_+[A-Z0-9_]+?_+");
          }
          regex.append(Pattern.quote(parts[i]));
        }
        if (variable.matches(regex.toString())) {
          return true;
        }
      }
    }
    return false;
  }

  /** A property of the service's application.properties (default profile), or null. */
  String property(String name) {
    return applicationProperties.getProperty(name);
  }

  /**
   * The environment variable name of a property: upper case, every other character an underscore.
   */
  static String environmentName(String property) {
    return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /**
   * Reads what a service knows from the checkout and its packaged {@code target/quarkus-app}.
   *
   * @throws IllegalStateException when the service is not packaged
   */
  static ServiceConfiguration of(Path root, String module) {
    Path moduleDir = root.resolve(module);
    Set<String> variables = new TreeSet<>();
    Properties properties = new Properties();
    Path applicationProperties = moduleDir.resolve("src/main/resources/application.properties");
    try {
      if (Files.exists(applicationProperties)) {
        properties.load(new StringReader(Files.readString(applicationProperties)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String key : properties.stringPropertyNames()) {
      if (!key.startsWith("%")) {
        variables.add(environmentName(key));
      }
    }
    List<Path> sourceRoots = new ArrayList<>();
    sourceRoots.add(moduleDir.resolve("src/main/java"));
    for (String dependency : newswatchDependencies(moduleDir.resolve("pom.xml"))) {
      sourceRoots.add(root.resolve(dependency).resolve("src/main/java"));
    }
    for (Path sources : sourceRoots) {
      configMappingProperties(sources).forEach(p -> variables.add(environmentName(p)));
    }
    Path lib = moduleDir.resolve("target/quarkus-app/lib/main");
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException(
          module + " is not packaged (" + lib + " is missing): ./mvnw -B package -DskipTests");
    }
    boolean kafka = false;
    try (Stream<Path> jars = Files.list(lib)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        kafka |= jar.getFileName().toString().startsWith("org.apache.kafka.kafka-clients-");
        variables.addAll(quarkusVariables(jar));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (kafka) {
      // KAFKA_BOOTSTRAP_SERVERS and the like: the connector passes kafka.* to every client.
      Stream.of(
              ConsumerConfig.configNames(),
              ProducerConfig.configNames(),
              AdminClientConfig.configNames())
          .flatMap(Set::stream)
          .forEach(name -> variables.add(environmentName("kafka." + name)));
    }
    return new ServiceConfiguration(module, variables, properties);
  }

  /** The io.newswatch modules a pom depends on outside tests, as module directory names. */
  static List<String> newswatchDependencies(Path pom) {
    try {
      String text = Files.readString(pom);
      List<String> modules = new ArrayList<>();
      Matcher dependency = Pattern.compile("(?s)<dependency>(.*?)</dependency>").matcher(text);
      while (dependency.find()) {
        String body = dependency.group(1);
        Matcher artifact =
            Pattern.compile("<artifactId>newswatch-([\\w-]+)</artifactId>").matcher(body);
        if (body.contains("<groupId>io.newswatch</groupId>")
            && !body.contains("<scope>test</scope>")
            && artifact.find()) {
          modules.add(artifact.group(1));
        }
      }
      return modules;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Property names declared by the {@code @ConfigMapping} interfaces under a source root. */
  static Set<String> configMappingProperties(Path sourceRoot) {
    Set<String> properties = new TreeSet<>();
    if (!Files.isDirectory(sourceRoot)) {
      return properties;
    }
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        properties.addAll(configMappingProperties(Files.readString(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  /**
   * Property names declared by the {@code @ConfigMapping} interfaces of one Java source: each
   * method is a property (camelCase to kebab-case), a method returning a nested interface a group.
   */
  static Set<String> configMappingProperties(String javaSource) {
    String source = javaSource.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    Set<String> properties = new TreeSet<>();
    Matcher mapping = CONFIG_MAPPING.matcher(source);
    while (mapping.find()) {
      Matcher declaration = INTERFACE.matcher(source);
      if (declaration.find(mapping.end())) {
        collect(source, declaration.end(), mapping.group(1), properties);
      }
    }
    return properties;
  }

  private static void collect(String source, int bodyStart, String prefix, Set<String> out) {
    String body = source.substring(bodyStart, closingBrace(source, bodyStart));
    // Members at this level only: blank out nested interface bodies, remembering where they are.
    StringBuilder level = new StringBuilder(body);
    java.util.Map<String, Integer> nested = new java.util.HashMap<>();
    Matcher inner = INTERFACE.matcher(body);
    int from = 0;
    while (from < body.length() && inner.find(from)) {
      int end = closingBrace(body, inner.end());
      nested.put(inner.group(1), bodyStart + inner.end());
      for (int i = inner.start(); i < end; i++) {
        level.setCharAt(i, ' ');
      }
      from = end;
    }
    Matcher method = METHOD.matcher(level);
    while (method.find()) {
      String type = method.group(1);
      String name = prefix + "." + kebab(method.group(2));
      Integer group = nested.get(type);
      if (group != null) {
        collect(source, group, name, out);
      } else {
        out.add(name);
      }
    }
  }

  private static int closingBrace(String text, int afterOpening) {
    int depth = 1;
    for (int i = afterOpening; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return text.length();
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** Environment names in a Quarkus extension's configuration model, if the jar has one. */
  private static Set<String> quarkusVariables(Path jar) throws IOException {
    Set<String> names = new TreeSet<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry model = zip.getEntry("META-INF/quarkus-config-doc/quarkus-config-model.json");
      if (model == null) {
        return names;
      }
      try (InputStream in = zip.getInputStream(model)) {
        collectVariables(JSON.readTree(in), names);
      }
    }
    return names;
  }

  private static void collectVariables(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      JsonNode variable = node.get("environmentVariable");
      if (variable != null && variable.isTextual()) {
        names.add(variable.asText());
      }
      node.elements().forEachRemaining(child -> collectVariables(child, names));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectVariables(child, names));
    }
  }
}
