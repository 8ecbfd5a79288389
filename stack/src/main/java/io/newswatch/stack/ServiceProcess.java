package io.newswatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running as a child
 * process, configured through environment variables as in a container, with its output in a log
 * file.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final int httpPort;
  private final Path logFile;
  private final Watchdog watchdog;

  private ServiceProcess(
      String name, Process process, int httpPort, Path logFile, Watchdog watchdog) {
    this.name = name;
    this.process = process;
    this.httpPort = httpPort;
    this.logFile = logFile;
    this.watchdog = watchdog;
  }

  /**
   * Starts a service; does not wait for it, see {@link #awaitReady(Duration)}.
   *
   * @param name short name for logs and messages, e.g. {@code ingest-service}
   * @param quarkusApp the {@code target/quarkus-app} directory of the packaged service
   * @param httpPort HTTP port, passed as {@code QUARKUS_HTTP_PORT}
   * @param environment further environment variables
   * @param jvmOptions JVM options such as {@code -Xmx256m}
   * @param logFile where standard output and error go
   */
  public static ServiceProcess start(
      String name,
      Path quarkusApp,
      int httpPort,
      Map<String, String> environment,
      List<String> jvmOptions,
      Path logFile) {
    Path runner = quarkusApp.resolve("quarkus-run.jar");
    if (!Files.isRegularFile(runner)) {
      throw new IllegalStateException(
          name + " is not packaged: " + runner + " is missing (run ./mvnw package -DskipTests)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(runner.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.directory(quarkusApp.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      Process process = builder.start();
      Watchdog watchdog = Watchdog.guard(process.pid(), "java", "TERM", null);
      return new ServiceProcess(name, process, httpPort, logFile, watchdog);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /**
   * Waits until {@code /q/health/ready} answers 200.
   *
   * @throws IllegalStateException when the process exits or the timeout passes, with the end of its
   *     log
   */
  public ServiceProcess awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    URI ready = baseUri().resolve("/q/health/ready");
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with code " + process.exitValue() + ":\n" + logTail(40));
      }
      if (answers200(ready)) {
        return this;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            name + " not ready after " + timeout.toSeconds() + " s:\n" + logTail(40));
      }
      sleep(Duration.ofMillis(200));
    }
  }

  private static boolean answers200(URI uri) {
    try {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a service", e);
    }
  }

  /** Short name of the service. */
  public String name() {
    return name;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  /** The HTTP port. */
  public int httpPort() {
    return httpPort;
  }

  /** The operating system's process id. */
  public long pid() {
    return process.pid();
  }

  /** True while the process runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The log file. */
  public Path logFile() {
    return logFile;
  }

  /** The last lines of the log, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Kills the process without a chance to clean up, as a crash would ({@code kill -9}). */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(10));
    watchdog.close();
  }

  /** Asks the service to stop (SIGTERM, a graceful Quarkus shutdown); kills it after 30 s. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      if (!waitFor(STOP_GRACE)) {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
      }
    }
    watchdog.close();
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
