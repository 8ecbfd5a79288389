package io.newswatch.alert.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.stack.PostgresServer;
import io.newswatch.stack.testing.SharedServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The relay reads alert events with generic plans ({@link AlertEvents#useGenericPlans}): the plan
 * that PostgreSQL makes without knowing the position must still look the alerts up by key, not scan
 * their tables, however many alerts there are.
 */
class RelayPlanTest {

  private static final int ALERTS = 20_000;

  @Test
  void genericPlansOfTheRelayLookEntriesAndAlertsUpByKey() throws SQLException {
    String url = SharedServers.freshDatabaseUrl();
    Flyway.configure()
        .dataSource(url, PostgresServer.USER, "")
        .locations("classpath:db/migration")
        .load()
        .migrate();
    try (Connection db = DriverManager.getConnection(url, PostgresServer.USER, "");
        Statement sql = db.createStatement()) {
      sql.execute(
          """
          INSERT INTO app_user (id, username, password_hash, role, created_at, updated_at)
          VALUES ('00000000-0000-0000-0000-00000000000a', 'officer', 'x', 'officer', now(), now());
          INSERT INTO subscription (id, name, query, owner_id, created_at, updated_at)
          VALUES ('00000000-0000-0000-0000-000000000001', 'one', 'ISKP',
                  '00000000-0000-0000-0000-00000000000a', now(), now());
          INSERT INTO alert (id, subscription_id, owner_id, story_id, item_id, feed_id, title,
                             severity, matches, status, created_at)
          SELECT md5(n::text)::uuid, '00000000-0000-0000-0000-000000000001',
                 '00000000-0000-0000-0000-00000000000a', md5('story' || n)::uuid, 'item-' || n,
                 'feed', 'title', 'ROUTINE', '[]', 'NEW', now()
          FROM generate_series(1, %1$d) n;
          INSERT INTO alert_stream (position, alert_id, owner_id)
          SELECT n, md5(n::text)::uuid, '00000000-0000-0000-0000-00000000000a'
          FROM generate_series(1, %1$d) n;
          ANALYZE;
          """
              .formatted(ALERTS));
      sql.execute(
          "PREPARE entries (bigint) AS " + AlertEvents.entriesQuery(500).replace("?", "$1"));
      sql.execute("PREPARE events (uuid[]) AS " + AlertEvents.READ.replace("?", "$1"));
      sql.execute("SET plan_cache_mode = force_generic_plan");
      String ids =
          "'{%s}'"
              .formatted(
                  lines(
                          sql,
                          "SELECT string_agg(md5(n::text)::uuid::text, ',')"
                              + " FROM generate_series(%d, %d) n".formatted(ALERTS - 499, ALERTS))
                      .get(0));

      List<String> entries = lines(sql, "EXPLAIN EXECUTE entries(19000)");
      List<String> events = lines(sql, "EXPLAIN EXECUTE events(" + ids + ")");

      assertThat(entries).noneMatch(line -> line.contains("Seq Scan"));
      assertThat(entries).anyMatch(line -> line.contains("Index Scan using alert_stream_pkey"));
      assertThat(events)
          .noneMatch(
              line ->
                  line.contains("Seq Scan on alert ") || line.contains("Seq Scan on alert_source"));
      // an index scan or a bitmap of the ids in the key
      assertThat(events).anyMatch(line -> line.matches(".*Index Scan (using|on) alert_pkey.*"));
      assertThat(lines(sql, "EXECUTE entries(19000)")).hasSize(500);
      assertThat(lines(sql, "EXECUTE events(" + ids + ")")).hasSize(500);
    }
  }

  private static List<String> lines(Statement sql, String query) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        lines.add(rows.getString(1));
      }
    }
    return lines;
  }
}
