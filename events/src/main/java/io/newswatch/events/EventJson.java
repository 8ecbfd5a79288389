package io.newswatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON mapping of the events, used by every producer and consumer and by the golden tests,
 * so that what one service writes the others read.
 *
 * <p>Readers are tolerant: unknown fields are ignored, so that a producer may add optional fields
 * before every consumer knows them.
 */
public final class EventJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private static final ObjectWriter WRITER = MAPPER.writer();

  private EventJson() {}

  /**
   * A copy of the mapper, for adapters that need an {@link ObjectMapper} (Kafka serdes, tests).
   * Take it once and keep it: every copy builds its serializers and deserializers anew.
   */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }

  /** The event as UTF-8 JSON. */
  public static byte[] write(Object event) {
    return write(WRITER, event);
  }

  /**
   * Events as UTF-8 JSON, in order, each as {@link #write} gives it; the alert events of one item,
   * which share its tags, are written in about half the time: the tags once (see {@link
   * SharedTagsSerializer}).
   */
  public static List<byte[]> writeAll(List<?> events) {
    return writeAll(events, new IdentityHashMap<>());
  }

  /** {@link #writeAll(List)} keeping the renderings of tags lists in {@code rendered}. */
  static List<byte[]> writeAll(List<?> events, Map<List<Tag>, SerializedString> rendered) {
    ObjectWriter writer = WRITER.withAttribute(SharedTagsSerializer.RENDERED, rendered);
    List<byte[]> written = new ArrayList<>(events.size());
    for (Object event : events) {
      written.add(write(writer, event));
    }
    return written;
  }

  private static byte[] write(ObjectWriter writer, Object event) {
    try {
      return writer.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + event.getClass().getSimpleName(), e);
    }
  }

  /** The event as a JSON string. */
  public static String writeString(Object event) {
    return new String(write(event), StandardCharsets.UTF_8);
  }

  /**
   * Reads one event.
   *
   * @throws InvalidEventException when the bytes are not JSON, lack a required field, or carry an
   *     unsupported schema version; the message names the field but never echoes the payload
   */
  public static <T> T read(byte[] json, Class<T> type) {
    if (json == null || json.length == 0) {
      throw new InvalidEventException("empty record, expected " + type.getSimpleName(), null);
    }
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonMappingException e) {
      throw new InvalidEventException(describe(type, e), e);
    } catch (IOException e) {
      throw new InvalidEventException("not valid JSON for " + type.getSimpleName(), e);
    }
  }

  /** Reads one event from a string, see {@link #read(byte[], Class)}. */
  public static <T> T read(String json, Class<T> type) {
    return read(json == null ? null : json.getBytes(StandardCharsets.UTF_8), type);
  }

  private static String describe(Class<?> type, JsonMappingException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason =
        root instanceof IllegalArgumentException || root instanceof NullPointerException
            ? root.getMessage()
            : e.getOriginalMessage();
    String path = path(e);
    return "invalid "
        + type.getSimpleName()
        + (path.isEmpty() ? "" : " at " + path)
        + ": "
        + reason;
  }

  /** The JSON path of the failure, like {@code tags[2].evidence}, without Java class names. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
