package io.newswatch.common.web;

import java.util.List;

/**
 * One page of a list endpoint's results.
 *
 * @param items the objects on this page
 * @param total how many objects match in all pages
 * @param page zero-based page number
 * @param size page size asked for
 */
public record Page<T>(List<T> items, long total, int page, int size) {

  /** Largest page size a caller may ask for. */
  public static final int MAX_SIZE = 200;

  /** Page size when the caller does not say. */
  public static final int DEFAULT_SIZE = 50;

  public Page {
    items = List.copyOf(items);
  }
}
