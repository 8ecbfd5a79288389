package io.newswatch.ingest.parse;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.ParsingFeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 (with Rome) and JSON Feed 1.0/1.1 (with Jackson) into
 * plain-text entries.
 *
 * <p>For XML the charset follows the HTTP {@code Content-Type}, then the byte order mark and the
 * XML prolog. DOCTYPE declarations are refused (Rome's default, kept on purpose): no entity
 * expansion, no external fetches, so neither billion laughs nor XXE. Error messages describe the
 * problem in our words and never quote the document.
 */
public class FeedParser {

  /**
   * Parses a fetched body.
   *
   * @param contentType the HTTP {@code Content-Type} header, or null
   * @throws FeedParseException when the body is not a well-formed feed of a known format
   */
  public ParsedFeed parse(byte[] body, String contentType) throws FeedParseException {
    String start = start(body);
    if (start.startsWith("{")) {
      return JsonFeedParser.parse(body);
    }
    if (start.startsWith("<!doctype html") || start.startsWith("<html")) {
      throw new FeedParseException("not a feed: the server sent an HTML page", null);
    }
    if (start.isEmpty()) {
      throw new FeedParseException("not a feed: the body is empty", null);
    }
    return parseXml(body, contentType);
  }

  /** The first characters after a byte order mark and white space, lower-case, for sniffing. */
  private static String start(byte[] body) {
    int from = 0;
    if (body.length >= 3
        && (body[0] & 0xff) == 0xef
        && (body[1] & 0xff) == 0xbb
        && (body[2] & 0xff) == 0xbf) {
      from = 3;
    }
    while (from < body.length && Character.isWhitespace(body[from])) {
      from++;
    }
    int to = Math.min(body.length, from + 20);
    return new String(body, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
  }

  private static ParsedFeed parseXml(byte[] body, String contentType) throws FeedParseException {
    SyndFeed feed;
    try {
      SyndFeedInput input = new SyndFeedInput();
      input.setPreserveWireFeed(true);
      feed = input.build(new XmlReader(new ByteArrayInputStream(body), contentType, true, "UTF-8"));
    } catch (FeedException e) {
      throw new FeedParseException("not a readable RSS or Atom feed: " + reason(e), e);
    } catch (IOException e) {
      throw new FeedParseException("cannot decode the feed: " + reason(e), e);
    } catch (RuntimeException e) {
      // Rome throws unchecked exceptions on some broken documents; none of them may stop a poll.
      throw new FeedParseException("not a readable RSS or Atom feed: " + reason(e), e);
    }
    List<FeedEntry> entries = new ArrayList<>(feed.getEntries().size());
    for (SyndEntry entry : feed.getEntries()) {
      entries.add(toEntry(entry));
    }
    return new ParsedFeed(Html.plain(feed.getTitle()), blankToNull(feed.getLanguage()), entries);
  }

  private static FeedEntry toEntry(SyndEntry entry) {
    String summary =
        entry.getDescription() == null ? "" : Html.plain(entry.getDescription().getValue());
    StringBuilder text = new StringBuilder();
    for (SyndContent content : entry.getContents()) {
      String plain = Html.plain(content.getValue());
      if (!plain.isEmpty()) {
        text.append(text.isEmpty() ? "" : "\n").append(plain);
      }
    }
    Date date =
        entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    return new FeedEntry(
        guidOf(entry),
        blankToNull(entry.getLink()),
        Html.plain(entry.getTitle()),
        summary,
        text.toString(),
        date == null ? null : date.toInstant());
  }

  /**
   * The item's own id from the wire format: Rome's {@code getUri()} falls back to the link when an
   * RSS item has no guid, which would hide that the id is only a link.
   */
  private static String guidOf(SyndEntry entry) {
    Object wire = entry.getWireEntry();
    if (wire instanceof Item item) {
      Guid guid = item.getGuid();
      return guid == null ? null : blankToNull(guid.getValue());
    }
    if (wire instanceof Entry atom) {
      return blankToNull(atom.getId());
    }
    return blankToNull(entry.getUri());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * Why Rome refused the body, in our words: parser messages can quote the document, and error
   * messages must never echo fetched content.
   */
  private static String reason(Exception e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("DOCTYPE")) {
      return "DOCTYPE declarations are not allowed";
    }
    if (e instanceof ParsingFeedException parsing && parsing.getLineNumber() > 0) {
      return "malformed XML at line "
          + parsing.getLineNumber()
          + ", column "
          + parsing.getColumnNumber();
    }
    if (message.contains("Invalid document")) {
      return "the document is neither RSS nor Atom";
    }
    return e instanceof IOException ? "unreadable character encoding" : "malformed feed";
  }
}
