package io.newswatch.system.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A docker-compose file as data: its services with their environment and dependencies in one form,
 * whichever of compose's spellings (map or list) the file uses. Anchors and merge keys ({@code <<:
 * *defaults}) are resolved as compose resolves them.
 */
final class ComposeFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode root;

  private ComposeFile(JsonNode root) {
    this.root = root;
  }

  /** Parses compose YAML. */
  static ComposeFile parse(String yaml) {
    // SnakeYAML rather than Jackson's YAML parser: only it expands merge keys, which compose uses.
    Object document = new Yaml(new LoaderOptions()).load(yaml);
    return new ComposeFile(
        document == null ? MissingNode.getInstance() : JSON.valueToTree(document));
  }

  /** Names of the services, in file order. */
  List<String> services() {
    List<String> names = new ArrayList<>();
    root.path("services").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A service's definition; a missing node when there is no such service. */
  JsonNode service(String name) {
    return root.path("services").path(name);
  }

  /**
   * The environment of a service by variable name; a variable listed without value ({@code - NAME})
   * has an empty one.
   */
  Map<String, String> environment(String name) {
    Map<String, String> environment = new LinkedHashMap<>();
    JsonNode node = service(name).path("environment");
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field ->
                  environment.put(
                      field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText()));
    } else if (node.isArray()) {
      for (JsonNode entry : node) {
        String text = entry.asText();
        int equals = text.indexOf('=');
        environment.put(
            equals < 0 ? text : text.substring(0, equals),
            equals < 0 ? "" : text.substring(equals + 1));
      }
    }
    return environment;
  }

  /**
   * The services a service depends on, with the condition of each; the short list form has no
   * condition (null).
   */
  Map<String, String> dependsOn(String name) {
    Map<String, String> dependencies = new LinkedHashMap<>();
    JsonNode node = service(name).path("depends_on");
    if (node.isArray()) {
      node.forEach(dependency -> dependencies.put(dependency.asText(), null));
    } else if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field ->
                  dependencies.put(
                      field.getKey(),
                      field.getValue().hasNonNull("condition")
                          ? field.getValue().get("condition").asText()
                          : null));
    }
    return dependencies;
  }

  /** Whether a service runs once and exits (an initialisation job) rather than staying up. */
  boolean isOneShot(String name) {
    JsonNode service = service(name);
    return "no".equals(service.path("restart").asText(null))
        && service.path("healthcheck").isMissingNode();
  }

  /** Whether a service is built from a module of this repository. */
  boolean isBuilt(String name) {
    return !service(name).path("build").isMissingNode();
  }

  /**
   * The build context directory of a built service ({@code build: dir} or {@code build.context}).
   */
  String buildContext(String name) {
    JsonNode build = service(name).path("build");
    return build.isTextual() ? build.asText() : build.path("context").asText(".");
  }

  /** The Dockerfile of a built service, relative to its context. */
  String dockerfile(String name) {
    return service(name).path("build").path("dockerfile").asText("Dockerfile");
  }
}
