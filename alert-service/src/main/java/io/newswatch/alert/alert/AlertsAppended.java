package io.newswatch.alert.alert;

/**
 * Fired in a transaction that appended alerts to the alert stream, so that the live stream and the
 * event relay look once it committed.
 */
public record AlertsAppended() {}
