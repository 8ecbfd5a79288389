package io.newswatch.alert.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Migrations that move data keep every row's data. */
class MigrationTest {

  @Test
  void keepsTheTagsOfEveryAlertedItemOnceWhenMovingThemOutOfTheAlerts() throws SQLException {
    migrate(
        "6",
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
          """,
        sql -> {
          assertThat(
                  rows(
                      sql,
                      "SELECT item_id, CAST(tags AS text), created_at FROM alert_item"
                          + " ORDER BY item_id"))
              .containsExactly(
                  "item-a|[{\"id\": \"iskp\"}]|2026-01-01 00:00:00+00",
                  "item-b|[{\"id\": \"af-badakhshan\"}]|2026-01-02 00:00:00+00");
          assertThat(
                  rows(
                      sql,
                      "SELECT count(*) FROM information_schema.columns"
                          + " WHERE table_name = 'alert' AND column_name = 'tags'"))
              .containsExactly("0");
          assertThat(rows(sql, "SELECT count(*) FROM alert")).containsExactly("3");
        });
  }

  @Test
  void copiesTheSourceFieldsOfEveryReceivedItemOutOfItsPayload() throws SQLException {
    migrate(
        "7",
        """
          INSERT INTO received_item (item_id, story_id, link_key, simhash, bands, fetched_at,
                                     received_at, payload)
          VALUES ('item-a', '00000000-0000-0000-0000-0000000000c1', NULL, NULL, '{}', now(), now(),
                  '{"item": {"feedId": "7", "sourceName": "Wire", "url": "https://a.example/1",
                             "title": "ISKP attack", "publishedAt": "2026-01-15T08:00:00Z"}}'),
                 ('item-b', '00000000-0000-0000-0000-0000000000c2', NULL, NULL, '{}', now(), now(),
                  '{"item": {"feedId": "8"}}');
          """,
        sql -> {
          assertThat(
                  rows(
                      sql,
                      "SELECT item_id, feed_id, source_name, url, title, published_at"
                          + " FROM received_item ORDER BY item_id"))
              .containsExactly(
                  "item-a|7|Wire|https://a.example/1|ISKP attack|2026-01-15 08:00:00+00",
                  "item-b|8||null||null"); // no source name or title: empty, as the insert wrote
          // them
        });
  }

  @Test
  void logsTheTextKeysOfEveryReceivedItemInTheOrderReceived() throws SQLException {
    migrate(
        "8",
        """
          INSERT INTO received_item (item_id, story_id, link_key, simhash, bands, fetched_at,
                                     received_at, feed_id, source_name, title, payload)
          VALUES ('later', '00000000-0000-0000-0000-0000000000d1', NULL, 42, '{7,8,9}',
                  '2026-11-20T10:00:00Z', '2026-11-20T10:00:05Z', 'f', 's', 't', '{}'),
                 ('earlier', '00000000-0000-0000-0000-0000000000d2', NULL, -5, '{1,2,3}',
                  '2026-11-20T09:00:00Z', '2026-11-20T09:00:05Z', 'f', 's', 't', '{}'),
                 ('short-text', '00000000-0000-0000-0000-0000000000d3', 'k', NULL, '{}',
                  '2026-11-20T09:30:00Z', '2026-11-20T09:30:05Z', 'f', 's', 't', '{}'),
                 ('old-kind', '00000000-0000-0000-0000-0000000000d4', NULL, 7, '{}',
                  '2026-11-20T09:40:00Z', '2026-11-20T09:40:05Z', 'f', 's', 't', '{}');
          INSERT INTO received_item_band (band, item_id)
          VALUES (7, 'later'), (8, 'later'), (9, 'later'), (1, 'earlier'), (2, 'earlier'),
                 (3, 'earlier');
          """,
        sql -> {
          assertThat(
                  rows(
                      sql,
                      "SELECT position, item_id, story_id, simhash, CAST(bands AS text), fetched_at"
                          + " FROM story_text ORDER BY position"))
              .containsExactly(
                  "1|earlier|00000000-0000-0000-0000-0000000000d2|-5|{1,2,3}|2026-11-20 09:00:00+00",
                  "2|later|00000000-0000-0000-0000-0000000000d1|42|{7,8,9}|2026-11-20 10:00:00+00");
          assertThat(rows(sql, "SELECT to_regclass('received_item_band') IS NULL"))
              .as("band table dropped")
              .containsExactly("t");
          assertThat(rows(sql, "SELECT nextval('story_text_position')")).containsExactly("3");
        });
  }

  @Test
  void keepsEveryStoredDocumentWhenStoringItAsJsonThenAsText() throws SQLException {
    migrate(
        "9",
        """
          INSERT INTO received_item (item_id, story_id, link_key, fetched_at, received_at, feed_id,
                                     source_name, url, title, published_at, payload)
          VALUES ('item-a', '00000000-0000-0000-0000-0000000000e1', 'k', now(), now(), 'f', 's',
                  'https://a.example/1', 't', NULL,
                  '{"item": {"title": "ISKP in Badakhshan", "flags": []}, "severity": "HIGH"}');
          INSERT INTO alert_item (item_id, tags, created_at)
          VALUES ('item-a', '[{"id": "iskp", "evidence": [{"start": 0, "end": 4}]}]', now());
          """,
        sql -> {
          assertThat(documentTypes(sql)).containsExactly("alert_item|text", "received_item|text");
          assertThat(
                  rows(
                      sql,
                      "SELECT CAST(payload AS jsonb)"
                          + " = '{\"item\": {\"title\": \"ISKP in Badakhshan\", \"flags\": []},"
                          + " \"severity\": \"HIGH\"}'"
                          + " FROM received_item"))
              .containsExactly("t");
          assertThat(
                  rows(
                      sql,
                      "SELECT CAST(tags AS jsonb)"
                          + " = '[{\"id\": \"iskp\", \"evidence\": [{\"start\": 0, \"end\": 4}]}]'"
                          + " FROM alert_item"))
              .containsExactly("t");
        });
  }

  @Test
  void keepsEveryStoredDocumentTextForTextWhenStoringItAsText() throws SQLException {
    String payload =
        "{\"item\": {\"title\": \"Kämpfe in Badachschan \u2014 ISKP\", \"tags\": []},"
            + "  \"severity\": \"HIGH\"}";
    String tags = "[{\"id\": \"iskp\",  \"evidence\": [{\"start\": 0, \"end\": 4}]}]";
    migrate(
        "11",
        """
          INSERT INTO received_item (item_id, story_id, link_key, fetched_at, received_at, feed_id,
                                     source_name, url, title, published_at, payload)
          VALUES ('item-b', '00000000-0000-0000-0000-0000000000e2', 'k', now(), now(), 'f', 's',
                  'https://b.example/1', 't', NULL, '%s');
          INSERT INTO alert_item (item_id, tags, created_at) VALUES ('item-b', '%s', now());
          """
            .formatted(payload, tags),
        sql -> {
          assertThat(documentTypes(sql)).containsExactly("alert_item|text", "received_item|text");
          // json keeps the text as written, spaces and all: nothing is lost or rewritten
          assertThat(rows(sql, "SELECT payload FROM received_item")).containsExactly(payload);
          assertThat(rows(sql, "SELECT tags FROM alert_item")).containsExactly(tags);
        });
  }

  @Test
  void takesEveryStoryLockOfABatchUntilTheTransactionEnds() throws SQLException {
    String url = SharedServers.freshDatabaseUrl();
    flyway(url, "latest").migrate();
    try (Connection db = DriverManager.getConnection(url, PostgresServer.USER, "");
        Connection other = DriverManager.getConnection(url, PostgresServer.USER, "");
        Statement sql = db.createStatement();
        Statement otherSql = other.createStatement()) {
      db.setAutoCommit(false);

      assertThat(
              rows(sql, "SELECT advisory_xact_lock_all(ARRAY[11, 12, 13, 2000000000]::bigint[])"))
          .containsExactly("4");
      assertThat(
              rows(
                  sql,
                  "SELECT objid FROM pg_locks WHERE locktype = 'advisory'"
                      + " AND pid = pg_backend_pid() ORDER BY objid"))
          .containsExactly("11", "12", "13", "2000000000");
      assertThat(rows(otherSql, "SELECT pg_try_advisory_xact_lock(12)")).containsExactly("f");
      assertThat(rows(sql, "SELECT advisory_xact_lock_all(ARRAY[]::bigint[])"))
          .containsExactly("0");

      db.commit();
      assertThat(rows(otherSql, "SELECT pg_try_advisory_xact_lock(12)")).containsExactly("t");
    }
  }

  /**
   * An officer with a subscription and its alert for item-a of story c1, in the columns the alerts
   * of versions 7 to 13 have; a further alert may follow after a comma.
   */
  private static final String FIRST_ALERT =
      """
          INSERT INTO app_user (id, username, password_hash, role, created_at, updated_at)
          VALUES ('00000000-0000-0000-0000-00000000000a', 'officer', 'x', 'officer', now(), now());
          INSERT INTO subscription (id, name, query, owner_id, created_at, updated_at)
          VALUES ('00000000-0000-0000-0000-000000000001', 'one', 'ISKP',
                  '00000000-0000-0000-0000-00000000000a', now(), now());
          INSERT INTO alert (id, subscription_id, owner_id, story_id, item_id, title, severity,
                             matches, created_at)
          VALUES ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-000000000001',
                  '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-0000000000c1',
                  'item-a', 'A', 'ROUTINE', '[]', '2026-01-01T00:00:00Z')""";

  @Test
  void keepsOneAlertPerStoryAndSubscriptionWithTheStoryLookupsOnTheSameIndex() throws SQLException {
    migrate(
        "12",
        FIRST_ALERT + ";",
        sql -> {
          assertThat(
                  rows(
                      sql,
                      "SELECT indexname FROM pg_indexes WHERE tablename = 'alert'"
                          + " AND indexdef LIKE '%story_id%'"))
              .containsExactly("alert_story_subscription");
          assertThat(rows(sql, "SELECT count(*) FROM alert")).containsExactly("1");
          // the same story and subscription again, from another item: refused
          assertThatThrownBy(
                  () ->
                      sql.execute(
                          """
                          INSERT INTO alert (id, subscription_id, owner_id, story_id, item_id,
                                             feed_id, title, severity, matches, created_at)
                          VALUES ('00000000-0000-0000-0000-0000000000b2',
                                  '00000000-0000-0000-0000-000000000001',
                                  '00000000-0000-0000-0000-00000000000a',
                                  '00000000-0000-0000-0000-0000000000c1', 'item-b', '7', 'B',
                                  'ROUTINE', '[]', now())
                          """))
              .hasMessageContaining("alert_story_subscription");
          sql.execute("SET enable_seqscan = off");
          assertThat(
                  String.join(
                      "\n",
                      rows(
                          sql,
                          "EXPLAIN SELECT id FROM alert WHERE story_id ="
                              + " ANY ('{00000000-0000-0000-0000-0000000000c1}')")))
              .contains("alert_story_subscription");
        });
  }

  @Test
  void movesTheFeedOfEveryAlertsOwnSourceIntoTheAlertAndKeepsTheOtherSources() throws SQLException {
    migrate(
        "13",
        FIRST_ALERT
            + """
                 , ('00000000-0000-0000-0000-0000000000b2', '00000000-0000-0000-0000-000000000001',
                  '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-0000000000c2',
                  'item-c', 'C', 'ROUTINE', '[]', '2026-01-02T00:00:00Z');
          INSERT INTO alert_source (alert_id, item_id, feed_id, source_name, title, added_at)
          VALUES ('00000000-0000-0000-0000-0000000000b1', 'item-a', '7', 'Wire', 'A',
                  '2026-01-01T00:00:00Z'),
                 ('00000000-0000-0000-0000-0000000000b1', 'item-b', '8', 'Other', 'A again',
                  '2026-01-01T00:05:00Z');
          """,
        sql -> {
          assertThat(rows(sql, "SELECT item_id, feed_id FROM alert ORDER BY item_id"))
              .containsExactly("item-a|7", "item-c|");
          assertThat(rows(sql, "SELECT alert_id, item_id, feed_id FROM alert_source"))
              .containsExactly("00000000-0000-0000-0000-0000000000b1|item-b|8");
          assertThat(
                  rows(
                      sql,
                      "SELECT is_nullable FROM information_schema.columns"
                          + " WHERE table_name = 'alert' AND column_name = 'feed_id'"))
              .containsExactly("NO");
        });
  }

  /** The types of the stored documents' columns: alert_item.tags, then received_item.payload. */
  private static List<String> documentTypes(Statement sql) throws SQLException {
    return rows(
        sql,
        "SELECT table_name, data_type FROM information_schema.columns"
            + " WHERE (table_name, column_name) IN"
            + " (('received_item', 'payload'), ('alert_item', 'tags'))"
            + " ORDER BY table_name");
  }

  /** Each row of a query as its columns joined by {@code |} (null as "null"). */
  private static List<String> rows(Statement sql, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet found = sql.executeQuery(query)) {
      int columns = found.getMetaData().getColumnCount();
      while (found.next()) {
        List<String> values = new ArrayList<>(columns);
        for (int c = 1; c <= columns; c++) {
          values.add(found.getString(c));
        }
        rows.add(String.join("|", values));
      }
    }
    return rows;
  }

  /** What a test checks of the migrated database. */
  @FunctionalInterface
  private interface Check {
    void check(Statement sql) throws SQLException;
  }

  /**
   * Migrates a fresh database to {@code version}, stores {@code rows}, migrates it to the latest
   * version and checks it.
   */
  private static void migrate(String version, String rows, Check check) throws SQLException {
    String url = SharedServers.freshDatabaseUrl();
    flyway(url, version).migrate();
    try (Connection db = DriverManager.getConnection(url, PostgresServer.USER, "");
        Statement sql = db.createStatement()) {
      sql.execute(rows);
      flyway(url, "latest").migrate();
      check.check(sql);
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
