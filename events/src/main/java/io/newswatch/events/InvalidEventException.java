package io.newswatch.events;

/**
 * A record that cannot be read as the expected event; the message says why, without the payload.
 */
public class InvalidEventException extends RuntimeException {

  public InvalidEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
