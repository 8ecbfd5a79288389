package io.newswatch.bench.load;

import io.newswatch.events.AlertEvent;
import io.newswatch.events.EventJson;
import io.newswatch.events.ItemRef;
import io.newswatch.events.MatchedTerm;
import io.newswatch.events.RawItem;
import io.newswatch.events.TextField;
import io.newswatch.taxonomy.Taxonomy;
import io.newswatch.taxonomy.classify.Classification;
import io.newswatch.taxonomy.classify.Classifier;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing the alert events of one item, as alert-service's event relay does: ten alerts of an
 * article about the region (the load benchmark's articles, classified with the bundled taxonomy),
 * which share the item's tags. {@code oneByOne} writes each event on its own, {@code together}
 * writes them with {@link EventJson#writeAll}, which renders the shared tags once. Operations are
 * items (ten events each).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class AlertEventWriteBenchmark {

  private static final int ITEMS = 64;
  private static final int ALERTS_PER_ITEM = 10;

  private final List<List<AlertEvent>> items = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void alerts() {
    Taxonomy taxonomy = TaxonomyLoader.loadDefault();
    Classifier classifier = new Classifier(taxonomy);
    LoadWorkload workload = new LoadWorkload(taxonomy, 1.0, LoadWorkload.Shape.ARTICLE, 42);
    Instant now = Instant.parse("2026-11-22T06:00:00Z");
    while (items.size() < ITEMS) {
      RawItem item =
          workload.item(UUID.randomUUID().toString().replace("-", ""), items.size(), now);
      Classification classification = classifier.classify(item);
      if (classification.tags().isEmpty()) {
        continue;
      }
      List<AlertEvent> events = new ArrayList<>();
      for (int a = 0; a < ALERTS_PER_ITEM; a++) {
        events.add(
            AlertEvent.of(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                "subscription " + a,
                "officer" + a,
                ItemRef.of(item),
                classification.severity(),
                List.of(
                    new MatchedTerm("term", TextField.TITLE, 0, 4, item.title().substring(0, 4))),
                classification.tags(),
                now));
      }
      items.add(events);
    }
  }

  @Benchmark
  public List<byte[]> oneByOne() {
    next = (next + 1) % ITEMS;
    List<byte[]> written = new ArrayList<>(ALERTS_PER_ITEM);
    for (AlertEvent event : items.get(next)) {
      written.add(EventJson.write(event));
    }
    return written;
  }

  @Benchmark
  public List<byte[]> together() {
    next = (next + 1) % ITEMS;
    return EventJson.writeAll(items.get(next));
  }
}
