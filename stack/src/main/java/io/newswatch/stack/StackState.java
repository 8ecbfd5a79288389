package io.newswatch.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a running local stack is made of, as its launcher records it in the state file for {@code
 * status} and {@code stop}: the launcher's pid, every process it started, where they listen and
 * log. Processes are recorded with their start instant, so that a pid the system gave to another
 * program since is never mistaken for ours. The file holds no password.
 *
 * @param launcher the launcher process (it owns Kafka, which runs inside it)
 * @param mode {@code up} or {@code demo}
 * @param detached whether it runs in the background ({@code --detach})
 * @param phase starting, ready or stopping
 * @param dataDirectory where data is kept between runs, or null for temporary storage
 * @param logDirectory where the services log
 * @param kafka bootstrap servers, once Kafka is up
 * @param postgres the PostgreSQL server, once it is up
 * @param postgresPort its port
 * @param services every service instance started
 */
public record StackState(
    Proc launcher,
    String mode,
    boolean detached,
    Phase phase,
    String dataDirectory,
    String logDirectory,
    String kafka,
    Proc postgres,
    Integer postgresPort,
    List<Instance> services) {

  private static final ObjectMapper JSON = EventJson.mapper();

  /** Where a stack is in its life. */
  public enum Phase {
    starting,
    ready,
    stopping
  }

  /**
   * A process: its pid and when it started.
   *
   * @param start the operating system's start instant, or null when it cannot tell
   */
  public record Proc(long pid, Instant start) {

    /** The process as it is now, with its start instant if the system tells it. */
    public static Proc of(ProcessHandle handle) {
      return new Proc(handle.pid(), handle.info().startInstant().orElse(null));
    }

    /**
     * Whether {@code candidate} is this process and not a later one that got the same pid: the
     * start instants must agree (to a second: some systems round them).
     */
    public boolean sameAs(long candidatePid, Optional<Instant> candidateStart) {
      if (candidatePid != pid) {
        return false;
      }
      if (start == null || candidateStart.isEmpty()) {
        // Nothing to compare: trust the pid, as ps and kill would.
        return true;
      }
      return Duration.between(start, candidateStart.get()).abs().compareTo(Duration.ofSeconds(1))
          <= 0;
    }

    /** The live process, if this one still runs. */
    public Optional<ProcessHandle> live() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(handle -> sameAs(handle.pid(), handle.info().startInstant()));
    }
  }

  /**
   * One service instance.
   *
   * @param service the service's module, e.g. {@code classify-service}
   * @param name the instance's name, e.g. {@code classify-service-2}
   * @param process its process
   * @param url its base URL
   * @param log its log file
   */
  public record Instance(String service, String name, Proc process, String url, String log) {}

  public StackState {
    services = services == null ? List.of() : List.copyOf(services);
  }

  /** A stack whose launcher has just started. */
  public static StackState starting(
      Proc launcher, String mode, boolean detached, Path dataDirectory, Path logDirectory) {
    return new StackState(
        launcher,
        mode,
        detached,
        Phase.starting,
        dataDirectory == null ? null : dataDirectory.toAbsolutePath().normalize().toString(),
        logDirectory.toAbsolutePath().normalize().toString(),
        null,
        null,
        null,
        List.of());
  }

  /** The same stack in another phase. */
  public StackState with(Phase newPhase) {
    return new StackState(
        launcher,
        mode,
        detached,
        newPhase,
        dataDirectory,
        logDirectory,
        kafka,
        postgres,
        postgresPort,
        services);
  }

  /** The same stack with its infrastructure up. */
  public StackState withInfrastructure(String bootstrapServers, Proc postgresServer, int port) {
    return new StackState(
        launcher,
        mode,
        detached,
        phase,
        dataDirectory,
        logDirectory,
        bootstrapServers,
        postgresServer,
        port,
        services);
  }

  /** The same stack with one more service instance. */
  public StackState withInstance(Instance instance) {
    List<Instance> all = new ArrayList<>(services);
    all.add(instance);
    return new StackState(
        launcher,
        mode,
        detached,
        phase,
        dataDirectory,
        logDirectory,
        kafka,
        postgres,
        postgresPort,
        all);
  }

  /** Where the launcher of a checkout keeps its state file and lock. */
  public static Path directory(Path root) {
    return root.toAbsolutePath().normalize().resolve("target").resolve("newswatch");
  }

  /** The state file of a checkout. */
  public static Path file(Path root) {
    return directory(root).resolve("stack.json");
  }

  /** The state as JSON. */
  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the stack state", e);
    }
  }

  /** Reads a state written by {@link #toJson()}. */
  public static StackState fromJson(String json) {
    try {
      return JSON.readValue(json, StackState.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a stack state: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the state file, replacing the old one at once: a reader never sees half a file.
   *
   * @param file usually {@link #file(Path)}
   */
  public void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, toJson());
      try {
        Files.move(
            temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the state file " + file, e);
    }
  }

  /** The state in a file, if there is one; an unreadable file counts as none. */
  public static Optional<StackState> read(Path file) {
    try {
      return Optional.of(fromJson(Files.readString(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
