package io.newswatch.stack;

/** The NewsWatch services the stack runs, with their Maven module, default port and database. */
public enum Service {
  INGEST("ingest-service", 8081, "newswatch_ingest"),
  CLASSIFY("classify-service", 8082, null),
  ALERT("alert-service", 8083, "newswatch_alert");

  private final String module;
  private final int defaultPort;
  private final String database;

  Service(String module, int defaultPort, String database) {
    this.module = module;
    this.defaultPort = defaultPort;
    this.database = database;
  }

  /** Maven module directory and process name, e.g. {@code ingest-service}. */
  public String module() {
    return module;
  }

  /** The HTTP port the service uses unless told otherwise. */
  public int defaultPort() {
    return defaultPort;
  }

  /** Its own database on the shared PostgreSQL server, or null when it keeps no state there. */
  public String database() {
    return database;
  }
}
