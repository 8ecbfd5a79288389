package io.newswatch.ingest.feed;

import java.util.List;

/**
 * What {@code POST /feeds/import} did with each outline of an OPML file.
 *
 * @param added feeds registered
 * @param duplicates outlines skipped because the URL was registered already (or twice in the file)
 * @param rejected outlines refused, each with its reason
 * @param outlines one entry per feed outline, in file order
 */
public record ImportReport(int added, int duplicates, int rejected, List<Line> outlines) {

  /** Outcome of one outline. */
  public enum Outcome {
    added,
    duplicate,
    rejected
  }

  /**
   * One outline.
   *
   * @param url the {@code xmlUrl} as written in the file
   * @param title the outline's title, or null
   * @param outcome what was done
   * @param feedId the feed added, or the one already registered under that URL
   * @param reason why it was rejected, or null
   */
  public record Line(String url, String title, Outcome outcome, Long feedId, String reason) {}
}
