package io.newswatch.security;

/** The user directory cannot answer now (alert-service unreachable, say): not a wrong password. */
public class UserDirectoryUnavailableException extends RuntimeException {

  public UserDirectoryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
