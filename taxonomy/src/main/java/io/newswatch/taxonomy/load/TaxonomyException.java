package io.newswatch.taxonomy.load;

import java.util.List;

/** Taxonomy data that cannot be used, with every problem found, each naming file and line. */
public class TaxonomyException extends RuntimeException {

  private final transient List<String> problems;

  public TaxonomyException(String source, List<String> problems) {
    super(
        "invalid taxonomy "
            + source
            + ": "
            + problems.size()
            + " problem(s), first: "
            + (problems.isEmpty() ? "-" : problems.get(0)));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, e.g. {@code regions.tsv:12: parent 'af-kundz' does not exist}. */
  public List<String> problems() {
    return problems;
  }
}
