package io.newswatch.alert.subscription;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /subscriptions/preview}: a query, tried on the items received last or on a
 * posted text.
 *
 * @param query the query to try
 * @param items how many of the items received last to try it on (default 100, at most 500)
 * @param text a text to try it on instead, tagged as classify-service would
 */
public record PreviewRequest(
    @NotBlank(message = "is required")
        @Size(max = 1000, message = "must be at most 1000 characters")
        String query,
    @Min(value = 1, message = "must be 1 or more")
        @Max(value = 500, message = "must be at most 500")
        Integer items,
    @Valid PreviewText text) {

  /**
   * A text to try a query on.
   *
   * @param title its title
   * @param summary its summary
   * @param text its body
   */
  public record PreviewText(
      @Size(max = 2000, message = "must be at most 2000 characters") String title,
      @Size(max = 20000, message = "must be at most 20000 characters") String summary,
      @Size(max = 100000, message = "must be at most 100000 characters") String text) {}
}
