package io.newswatch.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link AlertEvent}'s tags. The events of one item's alerts share its tags list (an item
 * that many officers watch has ten alerts or more, and its tags with their evidence are most of
 * each event), so {@link EventJson#writeAll} renders each list once and copies the rendering into
 * the events that share it. Outside {@code writeAll} the tags are written as any list. Either way
 * the bytes are the same.
 */
final class SharedTagsSerializer extends StdSerializer<List<Tag>> {

  private static final long serialVersionUID = 1L;

  /** Attribute of a write holding the renderings of tags lists by identity. */
  static final Object RENDERED = SharedTagsSerializer.class;

  @SuppressWarnings("unchecked")
  SharedTagsSerializer() {
    super((Class<List<Tag>>) (Class<?>) List.class);
  }

  @Override
  public void serialize(List<Tag> tags, JsonGenerator generator, SerializerProvider provider)
      throws IOException {
    @SuppressWarnings("unchecked")
    Map<List<Tag>, SerializedString> rendered =
        (Map<List<Tag>, SerializedString>) provider.getAttribute(RENDERED);
    if (rendered == null) {
      provider.defaultSerializeValue(tags, generator);
      return;
    }
    // Kept as UTF-8 bytes, which the generator copies; from a String it would encode every char.
    SerializedString json = rendered.get(tags);
    if (json == null) {
      json = new SerializedString(EventJson.writeString(tags));
      rendered.put(tags, json);
    }
    generator.writeRawValue(json);
  }
}
