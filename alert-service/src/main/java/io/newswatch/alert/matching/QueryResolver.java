package io.newswatch.alert.matching;

import io.newswatch.alert.query.Query;
import io.newswatch.alert.query.QueryParser;
import io.newswatch.alert.query.QuerySyntaxException;
import io.newswatch.events.TagType;
import io.newswatch.taxonomy.Alias;
import io.newswatch.taxonomy.AliasRef;
import io.newswatch.taxonomy.Entry;
import io.newswatch.taxonomy.Taxonomy;
import io.newswatch.taxonomy.text.TextNormalizer;
import io.newswatch.taxonomy.text.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a parsed query into a {@link ResolvedQuery} with the taxonomy: a bare term that names an
 * actor or region also matches the entry's other names (ISKP: "Islamic State Khorasan Province",
 * "ISIS-K", "داعش خراسان"; case-sensitive acronyms keep their case; weak district names only when
 * typed), and {@code actor:}/{@code region:} take a name or an id. Quoted phrases and prefixes are
 * literal. Thread-safe; expansions are cached, since thousands of subscriptions name the same few
 * hundred entries.
 */
public final class QueryResolver {

  private final Taxonomy taxonomy;
  private final Map<String, List<ResolvedQuery.Spelling>> expansions = new ConcurrentHashMap<>();

  public QueryResolver(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  /**
   * Parses and resolves a query.
   *
   * @throws QuerySyntaxException for a syntax error or a concept the taxonomy does not know
   */
  public ResolvedQuery resolve(String query) {
    return resolve(QueryParser.parse(query));
  }

  /** Resolves a parsed query. */
  public ResolvedQuery resolve(Query query) {
    if (query instanceof Query.And and) {
      return new ResolvedQuery.And(and.clauses().stream().map(this::resolve).toList());
    }
    if (query instanceof Query.Or or) {
      return new ResolvedQuery.Or(or.clauses().stream().map(this::resolve).toList());
    }
    if (query instanceof Query.Not not) {
      return new ResolvedQuery.Not(resolve(not.clause()));
    }
    if (query instanceof Query.Term term) {
      return new ResolvedQuery.Text(term.source(), term.scope().mask(), spellings(term.text()));
    }
    if (query instanceof Query.Prefix prefix) {
      List<String> tokens = folded(QueryParser.trimmed(prefix.text()));
      return new ResolvedQuery.Text(
          prefix.source(),
          prefix.scope().mask(),
          List.of(new ResolvedQuery.Spelling(tokens, false, true)));
    }
    if (query instanceof Query.Phrase phrase) {
      List<Token> tokens = QueryParser.trimmed(phrase.text());
      List<String> words = tokens.stream().filter(Token::isWord).map(Token::term).toList();
      if (phrase.slop() >= 0 && words.size() > 1) {
        return new ResolvedQuery.Near(phrase.source(), phrase.scope().mask(), words, phrase.slop());
      }
      return new ResolvedQuery.Text(
          phrase.source(),
          phrase.scope().mask(),
          List.of(new ResolvedQuery.Spelling(folded(tokens), false, false)));
    }
    Query.Concept concept = (Query.Concept) query;
    return new ResolvedQuery.Concept(
        concept.source(), concept.type(), conceptIds(concept.type(), concept.value(), concept));
  }

  /** The spellings a bare term matches: its own, or every name of the entries it names. */
  List<ResolvedQuery.Spelling> spellings(String term) {
    String key = TextNormalizer.key(term);
    return expansions.computeIfAbsent(key, k -> expand(term, k));
  }

  private List<ResolvedQuery.Spelling> expand(String term, String key) {
    List<Token> trimmed = QueryParser.trimmed(term);
    List<AliasRef> refs = taxonomy.lookup(term);
    String matchedKey = key;
    if (refs.isEmpty()) {
      matchedKey = keyOf(trimmed);
      refs = taxonomy.lookup(matchedKey);
    }
    if (refs.isEmpty()) {
      return List.of(new ResolvedQuery.Spelling(folded(trimmed), false, false));
    }
    Set<Entry> entries = new LinkedHashSet<>();
    refs.forEach(ref -> entries.add(ref.entry()));
    Map<String, ResolvedQuery.Spelling> folded = new LinkedHashMap<>();
    Map<String, ResolvedQuery.Spelling> cased = new LinkedHashMap<>();
    for (Entry entry : entries) {
      for (Alias alias : entry.aliases()) {
        if (alias.weak() && !alias.key().equals(matchedKey)) {
          continue; // a weak district name counts only when the user typed it
        }
        List<Token> tokens = TextNormalizer.normalize(alias.text()).tokens();
        if (alias.caseSensitive()) {
          List<String> casedTokens = tokens.stream().map(Token::casedTerm).toList();
          cased.putIfAbsent(
              alias.key() + "\u0000" + String.join(" ", casedTokens),
              new ResolvedQuery.Spelling(casedTokens, true, false));
        } else {
          folded.putIfAbsent(alias.key(), new ResolvedQuery.Spelling(folded(tokens), false, false));
        }
      }
    }
    List<ResolvedQuery.Spelling> spellings = new ArrayList<>(folded.values());
    for (Map.Entry<String, ResolvedQuery.Spelling> spelling : cased.entrySet()) {
      String foldedKey = spelling.getKey().substring(0, spelling.getKey().indexOf('\u0000'));
      if (!folded.containsKey(foldedKey)) {
        spellings.add(spelling.getValue()); // a case-insensitive spelling covers it already
      }
    }
    return List.copyOf(spellings);
  }

  private List<String> conceptIds(TagType type, String value, Query.Concept concept) {
    Set<String> ids = new LinkedHashSet<>();
    String id = value.strip().toLowerCase(Locale.ROOT);
    taxonomy.entry(type, id).ifPresent(e -> ids.add(e.id()));
    for (AliasRef ref : taxonomy.lookup(value)) {
      if (ref.entry().type() == type) {
        ids.add(ref.entry().id());
      }
    }
    if (ids.isEmpty()) {
      throw new QuerySyntaxException(
          concept.valuePosition(),
          type == TagType.ACTOR
              ? "an actor of the taxonomy (a name such as ISKP or an id such as iskp)"
              : "a region of the taxonomy (a name such as Badakhshan or an id such as"
                  + " af-badakhshan)");
    }
    return List.copyOf(ids);
  }

  private static List<String> folded(List<Token> tokens) {
    return tokens.stream().map(Token::term).toList();
  }

  private static String keyOf(List<Token> tokens) {
    return String.join(" ", folded(tokens));
  }
}
