package io.newswatch.bench.story;

import io.newswatch.alert.story.StoryFingerprint;
import io.newswatch.events.RawItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * Cost of an item's story fingerprint (link key, word pairs, SimHash, 24 MinHash band keys), which
 * alert-service computes for every item it receives: articles of about 1.5 KB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StoryFingerprintBenchmark {

  private static final String[] WORDS =
      ("officials said the attack on a checkpoint near the border killed four police officers and"
              + " wounded six others while residents reported heavy gunfire overnight in two"
              + " districts the ministry said forces had arrested several suspects after the blast"
              + " analysts warned fighters were regrouping along the river crossing farmers"
              + " markets prices wheat imports convoy aid delegation elders talks vaccination")
          .split(" ");

  private final List<RawItem> items = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void articles() {
    Random random = new Random(42);
    for (int i = 0; i < 256; i++) {
      StringBuilder text = new StringBuilder();
      while (text.length() < 1500) {
        text.append(WORDS[random.nextInt(WORDS.length)])
            .append(random.nextInt(8) == 0 ? ". " : " ");
      }
      items.add(
          RawItem.of(
              String.format("%032x", i),
              "1",
              "https://feeds.example.org/rss",
              "Example",
              "https://news.example.org/2026/story-" + i + "?utm_source=rss",
              "Attack near the border " + i,
              text.substring(0, 300),
              text.substring(300),
              "en",
              null,
              Instant.EPOCH,
              List.of()));
    }
  }

  @Benchmark
  public StoryFingerprint fingerprint() {
    next = (next + 1) & 255;
    return StoryFingerprint.of(items.get(next));
  }
}
