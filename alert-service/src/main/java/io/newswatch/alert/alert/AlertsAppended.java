package io.newswatch.alert.alert;

import io.newswatch.events.AlertEvent;
import java.util.List;

/**
 * Fired in a transaction that appended alerts to the alert stream, so that the live stream and the
 * event relay look once it committed.
 *
 * @param events the events of the alerts appended, as they were stored: the relay publishes them
 *     without reading them back when it comes to their positions soon enough
 */
public record AlertsAppended(List<AlertEvent> events) {

  public AlertsAppended {
    events = List.copyOf(events);
  }
}
