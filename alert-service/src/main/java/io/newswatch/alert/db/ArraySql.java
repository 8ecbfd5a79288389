package io.newswatch.alert.db;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Statements that write or read many rows at once through array parameters ({@code unnest}), on the
 * connection of the caller's transaction: one round trip for a whole batch. Parameters bind by
 * type: {@code String[]} as {@code text[]}, {@code Long[]} as {@code bigint[]}, {@code UUID[]} as
 * {@code uuid[]}, an {@link Instant} as {@code timestamptz}, anything else as it is.
 */
public final class ArraySql {

  /** Reads one row of a result. */
  @FunctionalInterface
  public interface Row<T> {
    T read(ResultSet row) throws SQLException;
  }

  private ArraySql() {}

  /** Runs an insert or update; returns the rows it changed. */
  public static int update(EntityManager entityManager, String sql, Object... parameters) {
    return entityManager
        .unwrap(Session.class)
        .doReturningWork(
            connection -> {
              try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
              }
            });
  }

  /** Runs a statement that returns rows (a query, or a write with {@code RETURNING}). */
  public static <T> List<T> query(
      EntityManager entityManager, String sql, Row<T> row, Object... parameters) {
    return entityManager
        .unwrap(Session.class)
        .doReturningWork(
            connection -> {
              try (PreparedStatement statement = prepare(connection, sql, parameters);
                  ResultSet rows = statement.executeQuery()) {
                List<T> read = new ArrayList<>();
                while (rows.next()) {
                  read.add(row.read(rows));
                }
                return read;
              }
            });
  }

  /** A time as a native query returns it (Instant, OffsetDateTime or Timestamp), or null. */
  public static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    throw new IllegalStateException("not a time: " + value.getClass());
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        Object value = parameters[i];
        if (value instanceof String[] texts) {
          statement.setArray(i + 1, connection.createArrayOf("text", texts));
        } else if (value instanceof Long[] numbers) {
          statement.setArray(i + 1, connection.createArrayOf("bigint", numbers));
        } else if (value instanceof UUID[] ids) {
          statement.setArray(i + 1, connection.createArrayOf("uuid", ids));
        } else if (value instanceof Instant instant) {
          statement.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else {
          statement.setObject(i + 1, value);
        }
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }
}
