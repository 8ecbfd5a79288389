package io.newswatch.bench.alert;

import io.newswatch.alert.matching.QueryResolver;
import io.newswatch.alert.matching.ResolvedQuery;
import io.newswatch.alert.matching.SubscriptionIndex;
import io.newswatch.alert.query.QuerySyntaxException;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.Severity;
import io.newswatch.taxonomy.Taxonomy;
import io.newswatch.taxonomy.classify.Classifier;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Alert matching throughput on one core: classified news items of about 1.5 KB per second, matched
 * against 1,000, 10,000 and 100,000 realistic subscriptions (see {@link Workload}), by
 * alert-service's {@link SubscriptionIndex} (normalisation, presearch, evaluation and the matched
 * terms of every match) and by Apache Lucene Monitor holding the same subscriptions ({@link
 * LuceneQueries}). The set-up prints the retained heap per subscription of each, and how many
 * subscriptions an item matches on average.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
public class MatchBenchmark {

  private static final int ITEMS = 256;

  /** Shared inputs: the taxonomy, the subscriptions and the items. */
  @State(Scope.Benchmark)
  public abstract static class Inputs {
    @Param({"1000", "10000", "100000"})
    public int subscriptions;

    Taxonomy taxonomy;
    QueryResolver resolver;
    List<ResolvedQuery> queries;
    List<ClassifiedItem> items;
    int next;

    void prepare() {
      taxonomy = TaxonomyLoader.loadDefault();
      resolver = new QueryResolver(taxonomy);
      queries = new ArrayList<>(subscriptions);
      int skipped = 0;
      for (String query : Workload.subscriptions(taxonomy, subscriptions * 2, 17)) {
        if (queries.size() == subscriptions) {
          break;
        }
        try {
          queries.add(resolver.resolve(query));
        } catch (QuerySyntaxException e) {
          skipped++;
        }
      }
      items = Workload.items(taxonomy, new Classifier(taxonomy), ITEMS, 29);
      System.out.printf(
          "%n[%d subscriptions] %d generated queries refused; %d items of %d chars on average%n",
          subscriptions,
          skipped,
          ITEMS,
          items.stream()
                  .mapToInt(
                      i ->
                          i.item().title().length()
                              + i.item().summary().length()
                              + i.item().text().length())
                  .sum()
              / ITEMS);
    }

    ClassifiedItem nextItem() {
      ClassifiedItem item = items.get(next);
      next = (next + 1) % items.size();
      return item;
    }
  }

  /** alert-service's index. */
  @State(Scope.Benchmark)
  public static class IndexState extends Inputs {
    SubscriptionIndex<Integer> index;

    @Setup(Level.Trial)
    public void setUp() {
      prepare();
      long before = usedHeap();
      index = new SubscriptionIndex<>(resolver);
      for (int i = 0; i < queries.size(); i++) {
        index.put(i, queries.get(i), Severity.ROUTINE);
      }
      long bytes = usedHeap() - before;
      long matches = items.stream().mapToLong(item -> index.match(item).size()).sum();
      System.out.printf(
          "[index] %d subscriptions: %d bytes per subscription (%s), %.1f matches per item%n",
          index.size(), bytes / index.size(), index.stats(), (double) matches / items.size());
    }
  }

  /** Lucene Monitor with the same subscriptions. */
  @State(Scope.Benchmark)
  public static class MonitorState extends Inputs {
    Monitor monitor;
    LuceneQueries lucene;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      prepare();
      lucene = new LuceneQueries(taxonomy);
      long before = usedHeap();
      monitor = new Monitor(lucene.analyzer());
      List<MonitorQuery> batch = new ArrayList<>();
      for (int i = 0; i < queries.size(); i++) {
        batch.add(new MonitorQuery("q" + i, lucene.translate(queries.get(i))));
        if (batch.size() == 5_000) {
          monitor.register(batch);
          batch.clear();
        }
      }
      monitor.register(batch);
      long bytes = usedHeap() - before;
      long matches = 0;
      for (ClassifiedItem item : items) {
        matches += monitor.match(lucene.document(item), QueryMatch.SIMPLE_MATCHER).getMatchCount();
      }
      System.out.printf(
          "[monitor] %d subscriptions: %d bytes per subscription on the heap, %.1f matches per"
              + " item%n",
          monitor.getQueryCount(), bytes / queries.size(), (double) matches / items.size());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      monitor.close();
    }
  }

  static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  @Benchmark
  public int index(IndexState state) {
    return state.index.match(state.nextItem()).size();
  }

  @Benchmark
  public int luceneMonitor(MonitorState state) {
    try {
      MatchingQueries<QueryMatch> matches =
          state.monitor.match(state.lucene.document(state.nextItem()), QueryMatch.SIMPLE_MATCHER);
      return matches.getMatchCount();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
