package io.newswatch.alert.alert;

import io.newswatch.events.EventJson;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * JSON columns hold contract types (matched terms, tags), so they are written with the contract's
 * own mapping, not with the REST layer's, which may change for API reasons.
 */
@JsonFormat
@PersistenceUnitExtension
public class EventJsonFormatMapper implements FormatMapper {

  private final FormatMapper delegate = new JacksonJsonFormatMapper(EventJson.mapper());

  @Override
  public <T> T fromString(CharSequence json, JavaType<T> type, WrapperOptions options) {
    return delegate.fromString(json, type, options);
  }

  @Override
  public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
    return delegate.toString(value, type, options);
  }
}
