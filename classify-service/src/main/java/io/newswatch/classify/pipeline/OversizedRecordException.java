package io.newswatch.classify.pipeline;

/** A raw record larger than the configured limit; its message becomes the dead-letter reason. */
public class OversizedRecordException extends RuntimeException {

  public OversizedRecordException(int size, int limit) {
    super(
        "record of "
            + size
            + " bytes exceeds the limit of "
            + limit
            + " bytes (newswatch.classify.max-record-bytes)");
  }
}
