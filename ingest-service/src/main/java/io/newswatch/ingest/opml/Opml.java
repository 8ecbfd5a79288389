package io.newswatch.ingest.opml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads and writes OPML, the outline format feed readers import and export. Feeds are the outlines
 * with an {@code xmlUrl}; nested outlines (folders) are flattened.
 *
 * <p>DOCTYPE declarations are refused, as for feeds: an uploaded file must not expand entities or
 * make us fetch anything.
 */
public final class Opml {

  /**
   * One feed in an OPML file.
   *
   * @param url the {@code xmlUrl} attribute, as written
   * @param title the {@code title} or else {@code text} attribute, or null
   */
  public record Outline(String url, String title) {}

  private Opml() {}

  /**
   * The feed outlines of an OPML document, in document order.
   *
   * @throws OpmlException when the document is not well-formed OPML; the message does not quote it
   */
  public static List<Outline> read(byte[] document) throws OpmlException {
    Document xml;
    try {
      xml = builder().parse(new ByteArrayInputStream(document));
    } catch (SAXParseException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.contains("DOCTYPE")) {
        throw new OpmlException("not readable OPML: DOCTYPE declarations are not allowed");
      }
      throw new OpmlException(
          "not readable OPML: malformed XML at line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber());
    } catch (SAXException | IOException e) {
      throw new OpmlException("not readable OPML: malformed XML");
    }
    Element root = xml.getDocumentElement();
    if (!"opml".equals(root.getLocalName() != null ? root.getLocalName() : root.getTagName())) {
      throw new OpmlException("not readable OPML: the document is not an <opml> document");
    }
    List<Outline> outlines = new ArrayList<>();
    NodeList all = root.getElementsByTagName("outline");
    for (int i = 0; i < all.getLength(); i++) {
      Element outline = (Element) all.item(i);
      String url = attribute(outline, "xmlUrl");
      if (url != null) {
        String title = attribute(outline, "title");
        outlines.add(new Outline(url, title != null ? title : attribute(outline, "text")));
      }
    }
    return outlines;
  }

  /** An OPML 2.0 document listing {@code outlines} as RSS outlines. */
  public static String write(String title, List<Outline> outlines) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("opml");
      xml.writeAttribute("version", "2.0");
      xml.writeCharacters("\n  ");
      xml.writeStartElement("head");
      xml.writeStartElement("title");
      xml.writeCharacters(title);
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeCharacters("\n  ");
      xml.writeStartElement("body");
      for (Outline outline : outlines) {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("outline");
        String text = outline.title() == null ? outline.url() : outline.title();
        xml.writeAttribute("type", "rss");
        xml.writeAttribute("text", text);
        xml.writeAttribute("title", text);
        xml.writeAttribute("xmlUrl", outline.url());
      }
      xml.writeCharacters("\n  ");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write OPML", e);
    }
    return out.toString();
  }

  /** Attribute by name, ignoring case ({@code xmlurl} is common), blank as null. */
  private static String attribute(Element element, String name) {
    for (int i = 0; i < element.getAttributes().getLength(); i++) {
      Node attribute = element.getAttributes().item(i);
      if (attribute.getNodeName().equalsIgnoreCase(name)) {
        String value = attribute.getNodeValue();
        return value == null || value.isBlank() ? null : value.strip();
      }
    }
    return null;
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      // Fatal errors throw; nothing is printed to standard error.
      builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser cannot refuse DOCTYPEs", e);
    }
  }
}
