package io.newswatch.bench.classify;

import io.newswatch.taxonomy.Alias;
import io.newswatch.taxonomy.Entry;
import io.newswatch.taxonomy.Taxonomy;
import io.newswatch.taxonomy.classify.Classifier;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import io.newswatch.taxonomy.match.PhraseMatcher;
import io.newswatch.taxonomy.text.TextNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Classification throughput on one core: items per second (the benchmark's score) and characters
 * per second (the {@code chars} counter) on articles of about 3 KB, with the full default taxonomy
 * and with a synthetic taxonomy of 50,000 aliases, normalisation included; and the same work done
 * by Apache Lucene Monitor holding one stored phrase query per alias.
 *
 * <ul>
 *   <li>{@code classify}: what classify-service does per item (normalise, find, disambiguate, tag,
 *       rate severity);
 *   <li>{@code normaliseAndMatch}: only normalisation and the one-pass automaton;
 *   <li>{@code luceneMonitor}: Lucene's analysis (standard tokenizer, lower case, ASCII folding)
 *       and the monitor's presearcher and matching, for every stored alias query.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class ClassifyBenchmark {

  private static final int ARTICLES = 64;
  private static final int ARTICLE_CHARS = 3_000;
  private static final String FIELD = "text";

  @Param({"full", "synthetic-50k"})
  public String taxonomy;

  private Classifier classifier;
  private PhraseMatcher<Alias> matcher;
  private Monitor monitor;
  private List<String> articles;
  private int next;

  /** Counts characters so that JMH reports them per second next to the items. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Throughput {
    public long chars;

    @Setup(Level.Iteration)
    public void reset() {
      chars = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Taxonomy base = TaxonomyLoader.loadDefault();
    Taxonomy chosen = taxonomy.equals("full") ? base : SyntheticTaxonomy.build(50_000, base, 7);
    classifier = new Classifier(chosen);
    PhraseMatcher.Builder<Alias> builder = PhraseMatcher.builder();
    List<Alias> aliases = new ArrayList<>();
    for (Entry entry : chosen.entries()) {
      for (Alias alias : entry.aliases()) {
        builder.add(alias.text(), alias.caseSensitive(), alias);
        aliases.add(alias);
      }
    }
    matcher = builder.build();
    List<String> extra =
        taxonomy.equals("full") ? List.of() : SyntheticTaxonomy.sampleNames(chosen, 500);
    articles = Articles.generate(ARTICLES, ARTICLE_CHARS, 11, extra);
    monitor = luceneMonitor(aliases);
    long chars = articles.stream().mapToLong(String::length).sum();
    System.out.printf(
        "%n[%s] %d aliases, %d automaton states, %d articles of %d chars on average%n",
        taxonomy, aliases.size(), matcher.stateCount(), ARTICLES, chars / ARTICLES);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    monitor.close();
  }

  private static Monitor luceneMonitor(List<Alias> aliases) throws IOException {
    Analyzer analyzer =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
            return new TokenStreamComponents(tokenizer, stream);
          }
        };
    Monitor monitor = new Monitor(analyzer);
    QueryBuilder queries = new QueryBuilder(analyzer);
    List<MonitorQuery> batch = new ArrayList<>();
    int id = 0;
    for (Alias alias : aliases) {
      Query query = queries.createPhraseQuery(FIELD, alias.text());
      if (query == null) {
        continue; // an alias of punctuation only ("U.S." is two tokens for us, none for Lucene)
      }
      batch.add(new MonitorQuery("q" + id++, query));
      if (batch.size() == 5_000) {
        monitor.register(batch);
        batch.clear();
      }
    }
    monitor.register(batch);
    return monitor;
  }

  private String nextArticle() {
    String article = articles.get(next);
    next = (next + 1) % articles.size();
    return article;
  }

  @Benchmark
  public Object classify(Throughput counter) {
    String article = nextArticle();
    counter.chars += article.length();
    return classifier.classify("", "", article);
  }

  @Benchmark
  public Object normaliseAndMatch(Throughput counter) {
    String article = nextArticle();
    counter.chars += article.length();
    return matcher.findAll(TextNormalizer.normalize(article));
  }

  @Benchmark
  public int luceneMonitor(Throughput counter) {
    String article = nextArticle();
    counter.chars += article.length();
    Document document = new Document();
    document.add(new TextField(FIELD, article, Field.Store.NO));
    try {
      MatchingQueries<QueryMatch> matches = monitor.match(document, QueryMatch.SIMPLE_MATCHER);
      return matches.getMatchCount();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
