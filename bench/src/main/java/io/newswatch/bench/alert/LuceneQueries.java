package io.newswatch.bench.alert;

import io.newswatch.alert.matching.ResolvedQuery;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.Tag;
import io.newswatch.events.TagType;
import io.newswatch.taxonomy.Actor;
import io.newswatch.taxonomy.Entry;
import io.newswatch.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * The same subscriptions as Lucene queries, for the Lucene Monitor baseline: each leaf of the
 * resolved query becomes the Lucene query closest to it (a term or phrase per spelling and field, a
 * prefix query, a sloppy phrase for proximity, a term on a {@code concepts} field holding each
 * tag's entry and its ancestors), joined by the same boolean operators. Lucene's analysis (standard
 * tokenizer, lower case, ASCII folding) stands in for NewsWatch's normaliser, and case-sensitive
 * spellings become case-insensitive: the baseline does the same amount of work, not exactly the
 * same matching.
 */
final class LuceneQueries {

  static final String[] FIELDS = {"title", "summary", "text"};
  static final String CONCEPTS = "concepts";

  private final Taxonomy taxonomy;
  private final QueryBuilder builder;
  private final Analyzer analyzer;

  LuceneQueries(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
    Analyzer text =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
            return new TokenStreamComponents(tokenizer, stream);
          }
        };
    this.analyzer = new PerFieldAnalyzerWrapper(text, Map.of(CONCEPTS, new WhitespaceAnalyzer()));
    this.builder = new QueryBuilder(text);
  }

  Analyzer analyzer() {
    return analyzer;
  }

  Query translate(ResolvedQuery query) {
    if (query instanceof ResolvedQuery.And and) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (ResolvedQuery clause : and.clauses()) {
        if (clause instanceof ResolvedQuery.Not not) {
          b.add(translate(not.clause()), BooleanClause.Occur.MUST_NOT);
        } else {
          b.add(translate(clause), BooleanClause.Occur.MUST);
        }
      }
      return b.build();
    }
    if (query instanceof ResolvedQuery.Or or) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      or.clauses().forEach(c -> b.add(translate(c), BooleanClause.Occur.SHOULD));
      return b.build();
    }
    if (query instanceof ResolvedQuery.Text text) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (int f = 0; f < FIELDS.length; f++) {
        if ((text.fields() & (1 << f)) == 0) {
          continue;
        }
        for (ResolvedQuery.Spelling spelling : text.spellings()) {
          Query q = spelling(FIELDS[f], spelling);
          if (q != null) {
            b.add(q, BooleanClause.Occur.SHOULD);
          }
        }
      }
      BooleanQuery built = b.build();
      return built.clauses().isEmpty() ? new MatchNoDocsQuery() : built;
    }
    if (query instanceof ResolvedQuery.Near near) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (int f = 0; f < FIELDS.length; f++) {
        if ((near.fields() & (1 << f)) != 0) {
          b.add(
              new PhraseQuery(
                  near.slop() + near.words().size(),
                  FIELDS[f],
                  near.words().toArray(String[]::new)),
              BooleanClause.Occur.SHOULD);
        }
      }
      return b.build();
    }
    if (query instanceof ResolvedQuery.Concept concept) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (String id : concept.ids()) {
        b.add(
            new TermQuery(new Term(CONCEPTS, key(concept.type(), id))), BooleanClause.Occur.SHOULD);
      }
      return b.build();
    }
    throw new IllegalArgumentException("NOT outside AND: " + query);
  }

  private Query spelling(String field, ResolvedQuery.Spelling spelling) {
    List<String> tokens = spelling.tokens();
    if (!spelling.prefix()) {
      return builder.createPhraseQuery(field, String.join(" ", tokens));
    }
    String prefix = tokens.get(tokens.size() - 1).toLowerCase(java.util.Locale.ROOT);
    PrefixQuery last = new PrefixQuery(new Term(field, prefix));
    if (tokens.size() == 1) {
      return last;
    }
    Query rest =
        builder.createPhraseQuery(field, String.join(" ", tokens.subList(0, tokens.size() - 1)));
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(last, BooleanClause.Occur.MUST);
    if (rest != null) {
      b.add(rest, BooleanClause.Occur.MUST);
    }
    return b.build();
  }

  /** The item as a Lucene document: its fields, and its concepts with what contains them. */
  Document document(ClassifiedItem item) {
    Document document = new Document();
    document.add(new TextField("title", item.item().title(), Field.Store.NO));
    document.add(new TextField("summary", item.item().summary(), Field.Store.NO));
    document.add(new TextField("text", item.item().text(), Field.Store.NO));
    Set<String> keys = new LinkedHashSet<>();
    for (Tag tag : item.tags()) {
      keys.add(key(tag.type(), tag.id()));
      taxonomy
          .entry(tag.type(), tag.id())
          .ifPresent(
              entry -> {
                List<Entry> above = new ArrayList<>(taxonomy.ancestors(entry));
                if (entry instanceof Actor actor) {
                  actor.affiliations().forEach(a -> taxonomy.actor(a).ifPresent(above::add));
                }
                above.forEach(e -> keys.add(key(e.type(), e.id())));
              });
    }
    document.add(new TextField(CONCEPTS, String.join(" ", keys), Field.Store.NO));
    return document;
  }

  private static String key(TagType type, String id) {
    return (type == TagType.ACTOR ? "a:" : "r:") + id;
  }
}
