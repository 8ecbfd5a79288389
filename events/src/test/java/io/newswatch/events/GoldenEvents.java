package io.newswatch.events;

import java.time.Instant;
import java.util.List;

/** The objects the golden JSON files of schema version 1 stand for, built in code. */
final class GoldenEvents {

  static final RawItem RAW_ITEM =
      RawItem.of(
          "5b0c8a3f9e2d4c61a7f08e1d2b3c4a59",
          "17",
          "https://news.example.org/afghanistan/rss.xml",
          "Example Afghanistan Desk",
          "https://news.example.org/2026/01/15/badakhshan-security",
          "ISIS-K fighters reported in Badakhshan",
          "Local officials say ISKP cells moved into districts along the Panj river.",
          "Local officials in Fayzabad said on Thursday that ISIS-K fighters had moved into two"
              + " districts of Badakhshan province near the Tajik border.",
          "en",
          Instant.parse("2026-01-15T08:30:00Z"),
          Instant.parse("2026-01-15T08:31:12.345Z"),
          List.of());

  private static final Evidence ISISK_IN_TITLE = new Evidence(TextField.TITLE, 0, 6, "ISIS-K");
  private static final Evidence ISKP_IN_SUMMARY = new Evidence(TextField.SUMMARY, 20, 24, "ISKP");
  private static final Evidence BADAKHSHAN_IN_TITLE =
      new Evidence(TextField.TITLE, 28, 38, "Badakhshan");

  static final ClassifiedItem CLASSIFIED_ITEM =
      ClassifiedItem.of(
          RAW_ITEM,
          List.of(
              new Tag(
                  TagType.ACTOR,
                  "iskp",
                  "Islamic State Khorasan Province",
                  "armed-group",
                  0.95,
                  false,
                  List.of(ISISK_IN_TITLE, ISKP_IN_SUMMARY)),
              new Tag(
                  TagType.REGION,
                  "af-badakhshan",
                  "Badakhshan",
                  "province",
                  0.9,
                  false,
                  List.of(BADAKHSHAN_IN_TITLE)),
              new Tag(
                  TagType.REGION,
                  "af",
                  "Afghanistan",
                  "country",
                  0.9,
                  true,
                  List.of(BADAKHSHAN_IN_TITLE))),
          Severity.PRIORITY,
          List.of(),
          "2026.01.0",
          Instant.parse("2026-01-15T08:31:12.901Z"));

  static final AlertEvent ALERT_EVENT =
      AlertEvent.of(
          "0f8e6b1c-7d2a-4e59-9c3b-2a1d4e5f6a7b",
          "3c9a2f4e-1b7d-4c8e-a5f6-0d1e2f3a4b5c",
          "ISKP in the north-east",
          "officer1",
          ItemRef.of(RAW_ITEM),
          Severity.PRIORITY,
          List.of(
              new MatchedTerm("ISKP", TextField.TITLE, 0, 6, "ISIS-K"),
              new MatchedTerm("ISKP", TextField.SUMMARY, 20, 24, "ISKP")),
          List.of(
              new Tag(
                  TagType.ACTOR,
                  "iskp",
                  "Islamic State Khorasan Province",
                  "armed-group",
                  0.95,
                  false,
                  List.of(ISISK_IN_TITLE))),
          Instant.parse("2026-01-15T08:31:13.120Z"));

  private GoldenEvents() {}
}
