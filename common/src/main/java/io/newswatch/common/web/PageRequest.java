package io.newswatch.common.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The {@code page} and {@code size} query parameters of every list endpoint, validated the same way
 * everywhere. Use as {@code @Valid @BeanParam PageRequest paging}.
 */
public class PageRequest {

  @QueryParam("page")
  @DefaultValue("0")
  @Min(value = 0, message = "must be 0 or more")
  int page;

  @QueryParam("size")
  @DefaultValue("" + Page.DEFAULT_SIZE)
  @Min(value = 1, message = "must be 1 or more")
  @Max(value = Page.MAX_SIZE, message = "must be at most " + Page.MAX_SIZE)
  int size;

  /** Zero-based page number. */
  public int page() {
    return page;
  }

  /** Page size. */
  public int size() {
    return size;
  }
}
