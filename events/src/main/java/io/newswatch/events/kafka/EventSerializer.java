package io.newswatch.events.kafka;

import io.newswatch.events.EventJson;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for any event record, through {@link EventJson}. */
public class EventSerializer implements Serializer<Object> {

  @Override
  public byte[] serialize(String topic, Object event) {
    return event == null ? null : EventJson.write(event);
  }
}
