package io.newswatch.alert.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.stack.PostgresServer;
import io.newswatch.stack.testing.SharedServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V7 moves the tags of alerts stored before it to one row per item, and loses none. */
class ItemTagsMigrationTest {

  @Test
  void keepsTheTagsOfEveryAlertedItemOnceWhenMovingThemOutOfTheAlerts() throws SQLException {
    String url = SharedServers.freshDatabaseUrl();
    flyway(url, "6").migrate();
    try (Connection db = DriverManager.getConnection(url, PostgresServer.USER, "");
        Statement sql = db.createStatement()) {
      sql.execute(
          """
          INSERT INTO app_user (id, username, password_hash, role, created_at, updated_at)
          VALUES ('00000000-0000-0000-0000-00000000000a', 'officer', 'x', 'officer', now(), now());
          INSERT INTO subscription (id, name, query, owner_id, created_at, updated_at)
          VALUES ('00000000-0000-0000-0000-000000000001', 'one', 'ISKP',
                  '00000000-0000-0000-0000-00000000000a', now(), now()),
                 ('00000000-0000-0000-0000-000000000002', 'two', 'Badakhshan',
                  '00000000-0000-0000-0000-00000000000a', now(), now());
          INSERT INTO alert (id, subscription_id, owner_id, story_id, item_id, title, severity,
                             matches, tags, created_at)
          VALUES ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-000000000001',
                  '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-0000000000c1',
                  'item-a', 'A', 'ROUTINE', '[]', '[{"id": "iskp"}]', '2026-01-01T00:00:00Z'),
                 ('00000000-0000-0000-0000-0000000000b2', '00000000-0000-0000-0000-000000000002',
                  '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-0000000000c1',
                  'item-a', 'A', 'ROUTINE', '[]', '[{"id": "iskp"}]', '2026-01-01T00:00:01Z'),
                 ('00000000-0000-0000-0000-0000000000b3', '00000000-0000-0000-0000-000000000002',
                  '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-0000000000c2',
                  'item-b', 'B', 'ROUTINE', '[]', '[{"id": "af-badakhshan"}]',
                  '2026-01-02T00:00:00Z');
          """);

      flyway(url, "latest").migrate();

      Map<String, String> tags = new LinkedHashMap<>();
      try (ResultSet rows =
          sql.executeQuery(
              "SELECT item_id, CAST(tags AS text), created_at FROM alert_item ORDER BY item_id")) {
        while (rows.next()) {
          tags.put(rows.getString(1), rows.getString(2) + " @ " + rows.getString(3));
        }
      }
      assertThat(tags)
          .containsExactly(
              Map.entry("item-a", "[{\"id\": \"iskp\"}] @ 2026-01-01 00:00:00+00"),
              Map.entry("item-b", "[{\"id\": \"af-badakhshan\"}] @ 2026-01-02 00:00:00+00"));
      try (ResultSet rows =
          sql.executeQuery(
              "SELECT count(*) FROM information_schema.columns"
                  + " WHERE table_name = 'alert' AND column_name = 'tags'")) {
        rows.next();
        assertThat(rows.getInt(1)).isZero();
      }
      try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM alert")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(3);
      }
    }
  }

  private static Flyway flyway(String url, String target) {
    return Flyway.configure()
        .dataSource(url, PostgresServer.USER, "")
        .locations("classpath:db/migration")
        .target(target)
        .load();
  }
}
