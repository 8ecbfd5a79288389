package io.newswatch.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Another JVM on this test's class path, for tests that kill the process owning something. */
final class ChildJvm {

  private ChildJvm() {}

  /** A process builder running {@code main} with the arguments; output and errors merged. */
  static ProcessBuilder of(Class<?> main, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }
}
