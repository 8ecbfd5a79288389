package io.newswatch.alert.delivery;

import io.newswatch.events.MatchedTerm;
import io.newswatch.events.TextField;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders alert emails: a subject, plain text, and HTML in which the matched words of the title and
 * summary are highlighted ({@code <mark>}); link, source, tags and severity in both parts. Every
 * text from an item is HTML-escaped.
 */
public final class EmailRenderer {

  /**
   * One email.
   *
   * @param subject the subject line
   * @param text the plain-text part
   * @param html the HTML part
   */
  public record Email(String subject, String text, String html) {}

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private EmailRenderer() {}

  /** The email about one alert; {@code link} to the alert in NewsWatch, or null. */
  public static Email render(AlertMessage alert, String link) {
    String subject =
        "[NewsWatch] "
            + alert.severity().name()
            + ": "
            + oneLine(alert.title())
            + " ("
            + oneLine(alert.subscriptionName())
            + ")";
    StringBuilder text = new StringBuilder();
    textBlock(text, alert, link);
    text.append("\n-- \nNewsWatch subscription \"").append(alert.subscriptionName()).append("\"\n");
    StringBuilder html = new StringBuilder(HTML_HEAD);
    htmlBlock(html, alert, link, "h2");
    html.append("<p style=\"color:#666\">NewsWatch subscription “")
        .append(escape(alert.subscriptionName()))
        .append("”</p>")
        .append(HTML_TAIL);
    return new Email(subject, text.toString(), html.toString());
  }

  /** The email about a digest; {@code link} maps an alert id to its link, or null. */
  public static Email render(DigestMessage digest, Function<String, String> link) {
    String subject = "[NewsWatch] " + oneLine(digest.subscriptionName()) + ": " + digest.headline();
    StringBuilder text = new StringBuilder(digest.headline()).append("\n\n");
    StringBuilder html =
        new StringBuilder(HTML_HEAD)
            .append("<h2>")
            .append(escape(digest.headline()))
            .append("</h2>");
    List<AlertMessage> alerts = digest.alerts();
    for (int i = 0; i < alerts.size() && i < DigestMessage.LISTED; i++) {
      AlertMessage alert = alerts.get(i);
      String alertLink = link == null ? null : link.apply(alert.alertId());
      textBlock(text, alert, alertLink);
      text.append('\n');
      htmlBlock(html, alert, alertLink, "h3");
    }
    if (alerts.size() > DigestMessage.LISTED) {
      String more = "… and " + (alerts.size() - DigestMessage.LISTED) + " more";
      text.append(more).append('\n');
      html.append("<p>").append(escape(more)).append("</p>");
    }
    text.append("-- \nNewsWatch subscription \"").append(digest.subscriptionName()).append("\"\n");
    html.append("<p style=\"color:#666\">NewsWatch subscription “")
        .append(escape(digest.subscriptionName()))
        .append("”</p>")
        .append(HTML_TAIL);
    return new Email(subject, text.toString(), html.toString());
  }

  private static final String HTML_HEAD =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
          + "<body style=\"font-family:sans-serif\">";
  private static final String HTML_TAIL = "</body></html>";

  private static void textBlock(StringBuilder text, AlertMessage alert, String link) {
    text.append('[')
        .append(alert.severity().name())
        .append("] ")
        .append(alert.title())
        .append('\n');
    if (!alert.summary().isEmpty()) {
      text.append(alert.summary()).append('\n');
    }
    if (alert.url() != null) {
      text.append("Link: ").append(alert.url()).append('\n');
    }
    text.append("Source: ").append(alert.source());
    if (alert.publishedAt() != null) {
      text.append(", published ").append(WHEN.format(alert.publishedAt()));
    }
    text.append('\n');
    if (!alert.matches().isEmpty()) {
      text.append("Matched: ").append(describeMatches(alert)).append('\n');
    }
    if (!alert.tags().isEmpty()) {
      text.append("Tags: ").append(tags(alert)).append('\n');
    }
    text.append("Severity: ").append(alert.severity().name().toLowerCase(Locale.ROOT)).append('\n');
    if (link != null) {
      text.append("Alert: ").append(link).append('\n');
    }
  }

  private static void htmlBlock(StringBuilder html, AlertMessage alert, String link, String h) {
    String title = highlight(alert.title(), alert.matchesIn(TextField.TITLE));
    html.append('<').append(h).append('>');
    html.append("<span style=\"")
        .append(severityStyle(alert))
        .append("\">")
        .append(alert.severity().name())
        .append("</span> ");
    if (alert.url() != null) {
      html.append("<a href=\"")
          .append(escape(alert.url()))
          .append("\">")
          .append(title)
          .append("</a>");
    } else {
      html.append(title);
    }
    html.append("</").append(h).append('>');
    if (!alert.summary().isEmpty()) {
      html.append("<p>")
          .append(highlight(alert.summary(), alert.matchesIn(TextField.SUMMARY)))
          .append("</p>");
    }
    html.append("<p>Source: ").append(escape(alert.source()));
    if (alert.publishedAt() != null) {
      html.append(", published ").append(WHEN.format(alert.publishedAt()));
    }
    html.append("<br>");
    if (!alert.matches().isEmpty()) {
      html.append("Matched: ").append(escape(describeMatches(alert))).append("<br>");
    }
    if (!alert.tags().isEmpty()) {
      html.append("Tags: ").append(escape(tags(alert))).append("<br>");
    }
    html.append("Severity: ").append(alert.severity().name().toLowerCase(Locale.ROOT));
    if (link != null) {
      html.append("<br><a href=\"").append(escape(link)).append("\">Open the alert</a>");
    }
    html.append("</p>");
  }

  private static String severityStyle(AlertMessage alert) {
    return switch (alert.severity()) {
      case FLASH -> "background:#c00;color:#fff;padding:0 4px";
      case PRIORITY -> "background:#e80;color:#fff;padding:0 4px";
      case ROUTINE -> "background:#888;color:#fff;padding:0 4px";
    };
  }

  /** "ISKP (“ISIS-K”, title), region:Badakhshan". */
  static String describeMatches(AlertMessage alert) {
    List<String> parts = new ArrayList<>();
    for (MatchedTerm match : alert.matches()) {
      String part =
          match.text().isEmpty() || match.text().equals(match.term())
              ? match.term() + " (" + match.field().name().toLowerCase(Locale.ROOT) + ")"
              : match.term()
                  + " (“"
                  + match.text()
                  + "”, "
                  + match.field().name().toLowerCase(Locale.ROOT)
                  + ")";
      if (!parts.contains(part)) {
        parts.add(part);
      }
    }
    return String.join(", ", parts);
  }

  private static String tags(AlertMessage alert) {
    return String.join(
        ", ", alert.tags().stream().map(AlertMessage.TagRef::name).distinct().toList());
  }

  /**
   * The text HTML-escaped with every match that points at exactly its words marked; overlapping
   * matches merge, matches whose offsets do not fit the text (a cut summary) are left out.
   */
  static String highlight(String text, List<MatchedTerm> matches) {
    List<int[]> spans = new ArrayList<>();
    for (MatchedTerm match : matches) {
      if (match.end() <= text.length() && match.start() < match.end()) {
        spans.add(new int[] {match.start(), match.end()});
      }
    }
    spans.sort(Comparator.comparingInt((int[] s) -> s[0]));
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (int i = 0; i < spans.size(); i++) {
      int start = Math.max(spans.get(i)[0], at);
      int end = spans.get(i)[1];
      while (i + 1 < spans.size() && spans.get(i + 1)[0] <= end) {
        end = Math.max(end, spans.get(++i)[1]);
      }
      if (end <= start) {
        continue;
      }
      out.append(escape(text.substring(at, start)))
          .append("<mark>")
          .append(escape(text.substring(start, end)))
          .append("</mark>");
      at = end;
    }
    return out.append(escape(text.substring(at))).toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A subject line never carries a line break (header injection). */
  private static String oneLine(String text) {
    String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
    return line.length() > 150 ? line.substring(0, 149) + "…" : line;
  }
}
